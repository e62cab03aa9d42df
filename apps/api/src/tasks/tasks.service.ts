import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { checkCompletionData, isTaskKind, taskContext, taskLabel, type CompleteTaskInput, type TaskContext } from '@pe/domain';
import { findFirst, inboxOf, partnershipStates, runList, taskList, type ListParams, type ListResult } from '@pe/persistence';
import type { CommandResult } from '@pe/workflows';
import { actorOf, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipScope } from '../auth/visibility.js';
import { malformed, notFoundError } from '../http/api-error.js';
import { PartnershipGateway } from '../temporal/partnership-gateway.js';
import { DATABASE } from '../tokens.js';

type TaskRow = Record<string, unknown> & { id: string; partnershipId: string; kind: string; status: string };
/** A task as the API answers it: the projected row and, while it is open, what its form needs to show. */
export type TaskRecord = TaskRow & { context: TaskContext | null };

@Injectable()
export class TasksService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipGateway) private readonly gateway: PartnershipGateway,
  ) {}

  /** `filter.mine` narrows the list to the caller's inbox. */
  async list(user: AuthenticatedUser, params: ListParams): Promise<ListResult<TaskRecord>> {
    const { mine, ...filter } = params.filter ?? {};
    const scope = partnershipScope(user, 'p.organization_ids');
    if (mine === true || mine === 'true') scope.push(inboxOf(user));
    const page = await runList<TaskRow>(this.db, taskList, { ...params, filter }, scope);
    return { ...page, rows: await this.withContext(page.rows) };
  }

  async get(user: AuthenticatedUser, id: string): Promise<TaskRecord> {
    const [task] = await this.withContext([await this.find(user, id)]);
    return task!;
  }

  /** The data is checked against the task's own kind before anything is sent to the workflow. */
  async complete(user: AuthenticatedUser, id: string, input: CompleteTaskInput, idempotencyKey?: string): Promise<CommandResult> {
    const task = await this.find(user, id);
    if (!isTaskKind(task.kind)) throw notFoundError('Task');
    const checked = checkCompletionData(task.kind, input.data);
    if (!checked.ok) throw malformed(checked.errors, `The data does not fit a ${taskLabel(task.kind).toLowerCase()} task`);
    return this.gateway.execute(
      task.partnershipId,
      { type: 'CompleteTask', taskId: id, decision: input.decision, comment: input.comment ?? null, ...(checked.data !== undefined ? { data: checked.data } : {}) },
      actorOf(user),
      idempotencyKey,
    );
  }

  private async find(user: AuthenticatedUser, id: string): Promise<TaskRow> {
    const task = await findFirst<TaskRow>(this.db, taskList, { id }, partnershipScope(user, 'p.organization_ids'));
    if (!task) throw notFoundError('Task');
    return task;
  }

  /** Open tasks carry their context, computed from their partnership's projected state as of now. */
  private async withContext(rows: TaskRow[]): Promise<TaskRecord[]> {
    const open = rows.filter((row) => row.status === 'open');
    const states = await partnershipStates(this.db, open.map((row) => row.partnershipId));
    const now = new Date();
    return rows.map((row) => {
      const state = states.get(row.partnershipId);
      const task = row.status === 'open' ? state?.openTasks.find((candidate) => candidate.id === row.id) : undefined;
      return { ...row, context: state && task ? taskContext(state, task, now) : null };
    });
  }
}
