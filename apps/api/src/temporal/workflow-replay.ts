/**
 * Determinism: each run's history replayed against the workflow code deployed now, as the worker
 * would bundle it. The API replays, it never polls a task queue, so it runs no workflow of its own:
 * a replay worker only feeds a history to the workflow code and checks it issues the same commands.
 */
import { fileURLToPath } from 'node:url';
import { Injectable, Logger } from '@nestjs/common';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { Determinism } from '@pe/domain';
import type { History } from './workflow-histories.js';

type WorkflowBundle = Awaited<ReturnType<typeof bundleWorkflowCode>>;

export interface ReplayedRun {
  runId: string;
  history: History;
}

@Injectable()
export class WorkflowReplay {
  private readonly logger = new Logger(WorkflowReplay.name);
  private bundle: Promise<WorkflowBundle> | undefined;

  /**
   * Each run's verdict, in the order given. Replay stops feeding histories once `abandoned` says
   * the caller has stopped waiting, so a slow replay does not run on for nobody.
   */
  async replay(workflowId: string, runs: readonly ReplayedRun[], abandoned: () => boolean = () => false): Promise<Map<string, Determinism>> {
    const verdicts = new Map<string, Determinism>();
    if (runs.length === 0) return verdicts;
    const options = { workflowBundle: await this.workflowBundle(), replayName: 'verification' };
    async function* histories() {
      for (const run of runs) {
        if (abandoned()) return;
        yield { workflowId, history: run.history };
      }
    }
    let index = 0;
    for await (const result of Worker.runReplayHistories(options, histories())) {
      const run = runs[index];
      index += 1;
      if (!run) break;
      verdicts.set(run.runId, result.error ? { status: 'not-reproduced', error: `${result.error.name}: ${result.error.message}` } : { status: 'reproduced' });
    }
    return verdicts;
  }

  /** The workflow code bundled (once per process), so a caller can wait for it before its turn; a failure is the replay's to report. */
  async prepare(): Promise<void> {
    await this.workflowBundle().catch(() => undefined);
  }

  /** Bundled once per process, on first use: the same entry point and interceptors the worker bundles (apps/worker/src/main.ts). */
  private workflowBundle(): Promise<WorkflowBundle> {
    if (!this.bundle) {
      quietRuntime();
      this.bundle = bundleWorkflowCode({
        workflowsPath: fileURLToPath(import.meta.resolve('@pe/workflows/workflows')),
        workflowInterceptorModules: [fileURLToPath(import.meta.resolve('@pe/workflows/interceptors'))],
        ignoreModules: [],
        logger: new DefaultLogger('WARN'),
      });
      // A failed bundle is retried by the next verification rather than remembered.
      this.bundle.catch((error: unknown) => {
        this.logger.error(`Bundling the workflow code for replay failed: ${error instanceof Error ? error.message : String(error)}`);
        this.bundle = undefined;
      });
    }
    return this.bundle;
  }
}

/**
 * Replay workers log every workflow activation, and a history that does not replay makes the core
 * log the nondeterminism the report already carries: keep the API's output to real problems.
 */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // A runtime is already installed in this process: keep it.
  }
}
