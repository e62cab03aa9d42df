/**
 * Determinism: each run's history replayed against the workflow code deployed now, as the worker
 * would bundle it. The API replays, it never polls a task queue, so it runs no workflow of its own:
 * a replay worker only feeds a history to the workflow code and checks it issues the same commands.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Injectable, Logger } from '@nestjs/common';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { ReplayVerdict } from '@pe/domain';
import type { History } from './workflow-histories.js';

interface WorkflowBundle {
  code: string;
  /** Who the deployed workflow code is (see codeIdentity). */
  codeId: string;
}

export interface ReplayedRun {
  runId: string;
  history: History;
}

export interface RunReplayVerdict {
  runId: string;
  /** Events in the history replayed: the verdict holds for the run as long as it has no more. */
  historyLength: number;
  verdict: ReplayVerdict;
}

const SDK = createRequire(import.meta.url)('@temporalio/worker/package.json') as { name: string; version: string };

/**
 * The deployed workflow code's identity, as Temporal's SDK names a worker's build when none is given:
 * the SDK and its version (its core replays the history) and a hash of the bundled workflow code. The
 * bundle is the same bytes wherever and however often it is made from the same sources and packages.
 */
export function codeIdentity(bundleCode: string): string {
  return `${SDK.name}@${SDK.version}+${createHash('sha256').update(bundleCode).digest('hex')}`;
}

/** Events in a history as fetched: what a verdict on it holds for. */
export const historyLength = (history: History): number => history.events?.length ?? 0;

@Injectable()
export class WorkflowReplay {
  private readonly logger = new Logger(WorkflowReplay.name);
  private bundle: Promise<WorkflowBundle> | undefined;
  private bundled: WorkflowBundle | undefined;

  /**
   * Replays the histories one at a time as the iterable gives them (so only one is held at once),
   * yielding each run's verdict in order. A history the code does not reproduce is a verdict; a
   * replay that cannot run at all throws.
   */
  async *replay(workflowId: string, runs: AsyncIterable<ReplayedRun>): AsyncGenerator<RunReplayVerdict> {
    const { code } = await this.workflowBundle();
    const given: ReplayedRun[] = [];
    async function* histories() {
      for await (const run of runs) {
        given.push(run);
        yield { workflowId, history: run.history };
      }
    }
    // Not in debug mode: the workflow code runs in a worker thread, off the API's event loop.
    const options = { workflowBundle: { code }, replayName: 'verification', debugMode: false, workflowThreadPoolSize: 1 };
    for await (const result of Worker.runReplayHistories(options, histories())) {
      const run = given.shift();
      if (!run) break;
      const verdict: ReplayVerdict = result.error ? { status: 'not-reproduced', error: `${result.error.name}: ${result.error.message}` } : { status: 'reproduced' };
      yield { runId: run.runId, historyLength: historyLength(run.history), verdict };
    }
  }

  /** The deployed code's identity once the code is bundled in this process; undefined before. */
  readyCodeId(): string | undefined {
    return this.bundled?.codeId;
  }

  /** The deployed code's identity, bundling the code first when this process has not yet. */
  async codeId(): Promise<string> {
    return (await this.workflowBundle()).codeId;
  }

  /** Bundled once per process, on first use: the same entry point and interceptors the worker bundles (apps/worker/src/main.ts). */
  private workflowBundle(): Promise<WorkflowBundle> {
    if (!this.bundle) {
      quietRuntime();
      const bundling = bundleWorkflowCode({
        workflowsPath: fileURLToPath(import.meta.resolve('@pe/workflows/workflows')),
        workflowInterceptorModules: [fileURLToPath(import.meta.resolve('@pe/workflows/interceptors'))],
        ignoreModules: [],
        logger: new DefaultLogger('WARN'),
      }).then(({ code }) => {
        this.bundled = { code, codeId: codeIdentity(code) };
        return this.bundled;
      });
      this.bundle = bundling;
      // A failed bundle is retried by the next replay rather than remembered.
      bundling.catch((error: unknown) => {
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
