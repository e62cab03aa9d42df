import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CompleteTaskInput } from '@pe/domain';
import { runList, taskList, type ListParams } from '@pe/persistence';
import type { CommandResult } from '@pe/workflows';
import { actorOf, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipScope } from '../auth/visibility.js';
import { notFoundError } from '../http/api-error.js';
import { PartnershipGateway } from '../temporal/partnership-gateway.js';
import { DATABASE } from '../tokens.js';

export type TaskRecord = Record<string, unknown> & { id: string; partnershipId: string };

@Injectable()
export class TasksService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipGateway) private readonly gateway: PartnershipGateway,
  ) {}

  /** `filter.mine` narrows the list to the caller's inbox. */
  list(user: AuthenticatedUser, params: ListParams) {
    const { mine, ...filter } = params.filter ?? {};
    const scope = partnershipScope(user, 'p.organization_ids');
    if (mine === true || mine === 'true') scope.push((bind) => inboxOf(user, bind));
    return runList<TaskRecord>(this.db, taskList, { ...params, filter }, scope);
  }

  async get(user: AuthenticatedUser, id: string): Promise<TaskRecord> {
    const page = await runList<TaskRecord>(this.db, taskList, { filter: { id } }, partnershipScope(user, 'p.organization_ids'));
    const task = page.rows[0];
    if (!task) throw notFoundError('Task');
    return task;
  }

  async complete(user: AuthenticatedUser, id: string, input: CompleteTaskInput, idempotencyKey?: string): Promise<CommandResult> {
    const task = await this.get(user, id);
    return this.gateway.execute(
      task.partnershipId,
      { type: 'CompleteTask', taskId: id, decision: input.decision, comment: input.comment ?? null, ...(input.data ? { data: input.data as Record<string, unknown> } : {}) },
      actorOf(user),
      idempotencyKey,
    );
  }
}

/** A person's inbox: tasks assigned to them, and for a partner representative its organization's tasks. */
function inboxOf(user: AuthenticatedUser, bind: (value: unknown) => string): string {
  const own = `t.assignee_user_id = ${bind(user.id)}::uuid`;
  if (user.role !== 'partner' || !user.organizationId) return own;
  return `(${own} OR t.assignee_organization_id = ${bind(user.organizationId)}::uuid)`;
}
