/**
 * Whether PostgreSQL, Temporal and a worker are there, each asked within a deadline: for the health
 * endpoints, and to name what is down when a command runs out of time.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { isPoolSaturated, pingDatabase } from '@pe/persistence';
import { COMMANDS, DATABASE, TEMPORAL, type CommandSettings } from '../tokens.js';

export type Probe = 'up' | 'down';

export interface DependencyReport {
  database: Probe;
  temporal: Probe;
  /** Whether workers poll the task queue; unknown while Temporal cannot be asked. */
  worker: Probe | 'unknown';
}

const { TaskQueueType, TaskQueueKind } = proto.temporal.api.enums.v1;

/**
 * A live worker polls without pause, each long poll lasting up to a minute, and Temporal reports the
 * time of each poller's latest poll: one heard from within this long is still there. (So a worker
 * that dies is reported within about a minute; a command waiting for it is answered at its bound.)
 */
export const POLLER_FRESH_MS = 70_000;
/** Health checks and timed-out commands may come in bursts; one look at the task queue serves them all for this long. */
const TASK_QUEUE_CACHE_MS = 2000;

@Injectable()
export class DependencyProbes {
  private lastTaskQueueLook: { at: number; result: Promise<Pick<DependencyReport, 'temporal' | 'worker'>> } | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(TEMPORAL) private readonly temporal: Client,
    @Inject(COMMANDS) private readonly settings: CommandSettings,
  ) {}

  /** All three at once, each answered by `deadline` (epoch milliseconds). */
  async report(deadline: number): Promise<DependencyReport> {
    const [database, queue] = await Promise.all([this.database(deadline), this.taskQueue(deadline)]);
    return { database, ...queue };
  }

  /** Over a connection of its own while the pool is saturated: waiting for the pool is not the database being down. */
  database(deadline: number): Promise<Probe> {
    return probe(() => pingDatabase(this.db, deadline - Date.now()), deadline);
  }

  /** Every pooled connection is in use and callers are waiting for one. */
  poolBusy(): boolean {
    return isPoolSaturated(this.db);
  }

  /** Temporal answers for the task queue, and some worker polls both its workflow and its activity tasks. */
  taskQueue(deadline: number): Promise<Pick<DependencyReport, 'temporal' | 'worker'>> {
    const now = Date.now();
    if (this.lastTaskQueueLook && now - this.lastTaskQueueLook.at < TASK_QUEUE_CACHE_MS) return this.lastTaskQueueLook.result;
    const result = this.lookAtTaskQueue(deadline);
    this.lastTaskQueueLook = { at: now, result };
    return result;
  }

  private async lookAtTaskQueue(deadline: number): Promise<Pick<DependencyReport, 'temporal' | 'worker'>> {
    const polled = (taskQueueType: proto.temporal.api.enums.v1.TaskQueueType) =>
      this.temporal.connection.withDeadline(deadline, async () => {
        const { pollers } = await this.temporal.workflowService.describeTaskQueue({
          namespace: this.temporal.options.namespace,
          taskQueue: { name: this.settings.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType,
        });
        return (pollers ?? []).some((poller) => Date.now() - millisecondsOf(poller.lastAccessTime) < POLLER_FRESH_MS);
      });
    try {
      const [workflows, activities] = await Promise.all([polled(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW), polled(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)]);
      return { temporal: 'up', worker: workflows && activities ? 'up' : 'down' };
    } catch {
      return { temporal: 'down', worker: 'unknown' };
    }
  }
}

function millisecondsOf(timestamp: proto.google.protobuf.ITimestamp | null | undefined): number {
  if (!timestamp) return 0;
  return Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
}

async function probe(call: () => Promise<unknown>, deadline: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([call(), late]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
