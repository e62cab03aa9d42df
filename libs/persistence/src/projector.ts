/**
 * Read models from events, inside the append's transaction. The partnership row is the decider's
 * own state folded with `evolve`; tasks and notifications keep the history that state forgets.
 */
import type { EntityManager } from 'typeorm';
import { deadlineLedger, evolve, initialState, partnershipRecord, upgradeState, upgradeTask, type ActivePartnership, type PartnershipState, type Recipient } from '@pe/domain';
import { writeDeadlines } from './deadline-rows.js';
import { WriteBatch } from './write-batch.js';
import { queueStageChange, writeNotifications } from './deliveries.js';
import { loadEvents, type SequencedEvent } from './event-row.js';

export interface ProjectionOptions {
  /**
   * Queue emails and webhook messages for what the events notify. An append does; a rebuild of the
   * projections does not (what the log already said was sent, or not, when it was appended).
   */
  deliver: boolean;
}

/**
 * Folds one append's events (in sequence order) into the read models: the partnership's row and its
 * deadlines are written once, for the state after the last event, and tasks and notifications event by
 * event, each with the state just after that event. `state` is the partnership's projected state
 * before the events (its row read under the append's lock; read here when not given). The writes go
 * into `writes` (sent by the caller, with whatever else the append writes) except a notification's,
 * which reads whom to notify and runs on its own.
 */
export async function projectEvents(
  manager: EntityManager,
  partnershipId: string,
  events: readonly SequencedEvent[],
  options: ProjectionOptions = { deliver: true },
  batch?: { writes: WriteBatch; state: PartnershipState },
): Promise<void> {
  const writes = batch?.writes ?? new WriteBatch(manager);
  let state = batch?.state ?? (await currentState(manager, partnershipId));
  const states: PartnershipState[] = [state];
  for (const event of events) states.push((state = evolve(state, event)));
  if (state.status === 'active') {
    await saveState(writes, state);
    await writeDeadlines(writes, state.id, deadlineLedger(state));
  }
  for (const [index, event] of events.entries()) {
    await projectTasksAndNotifications(manager, writes, partnershipId, event, states[index + 1]!, options);
    if (options.deliver) await queueStageChanged(writes, event, states[index]!, states[index + 1]!);
  }
  if (!batch) await writes.flush();
}

/** An event that moves the partnership from one stage to another is a `partnership.stage_changed` webhook message. */
async function queueStageChanged(writes: WriteBatch, event: SequencedEvent, before: PartnershipState, after: PartnershipState): Promise<void> {
  if (before.status !== 'active' || after.status !== 'active' || before.stage === after.stage) return;
  await queueStageChange(writes, {
    partnershipId: after.id,
    partnershipName: after.name,
    eventSequence: event.sequence,
    eventType: event.type,
    from: before.stage,
    to: after.stage,
    at: event.at,
    organizationIds: [...new Set([...before.organizationIds, ...after.organizationIds])],
  });
}

async function currentState(manager: EntityManager, partnershipId: string): Promise<PartnershipState> {
  const [row] = (await manager.query('SELECT state FROM partnerships WHERE id = $1 FOR UPDATE', [partnershipId])) as { state: PartnershipState }[];
  return projectedState(row);
}

/** The state a partnership's row holds (`SELECT state FROM partnerships`), or the initial one when it has no row yet. */
export function projectedState(row: { state: PartnershipState } | undefined): PartnershipState {
  // A row written by older code holds an older shape of the state.
  return row ? upgradeState(row.state) : initialState();
}

/** The row's columns are the page's record (one mapping, shared with the API's replay); `state` keeps the whole fold. */
async function saveState(writes: WriteBatch, state: ActivePartnership): Promise<void> {
  const record = partnershipRecord(state);
  const columns = {
    id: record.id,
    name: record.name,
    description: record.description,
    stage: record.stage,
    priorities_status: record.prioritiesStatus,
    last_rejection_reason: record.lastRejectionReason,
    coordinator_id: record.coordinatorId,
    sponsor_id: record.sponsorId,
    organization_ids: record.organizationIds,
    goals: JSON.stringify(record.goals),
    scope: record.scope,
    policy: JSON.stringify(record.policy),
    state: JSON.stringify(state),
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
  const names = Object.keys(columns);
  const updated = names.filter((name) => name !== 'id' && name !== 'created_at');
  await writes.add(
    (param) =>
      `INSERT INTO partnerships (${names.join(', ')}) VALUES (${Object.values(columns).map(param).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updated.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`,
    `partnerships:${record.id}`,
  );
}

async function projectTasksAndNotifications(
  manager: EntityManager,
  writes: WriteBatch,
  partnershipId: string,
  event: SequencedEvent,
  state: PartnershipState,
  options: ProjectionOptions,
): Promise<void> {
  // Each names the task it writes: a second write to the same task in one append sends the first.
  const taskRow = (taskId: string) => `tasks:${taskId}`;
  switch (event.type) {
    case 'TaskOpened': {
      const opened = upgradeTask(event.data.task);
      const values = [
        opened.id,
        partnershipId,
        opened.kind,
        opened.title,
        opened.assignee.kind === 'user' ? opened.assignee.userId : null,
        opened.assignee.kind === 'organization' ? opened.assignee.organizationId : null,
        opened.openedAt,
        opened.dueAt,
        opened.cycle,
        opened.purpose,
        opened.detail,
      ];
      await writes.add(
        (param) =>
          `INSERT INTO tasks (id, partnership_id, kind, title, assignee_user_id, assignee_organization_id, status, opened_at, due_at, cycle, purpose, detail)
           VALUES (${values.slice(0, 6).map(param).join(', ')}, 'open', ${values.slice(6).map(param).join(', ')})`,
        taskRow(opened.id),
      );
      return;
    }
    case 'TaskCompleted': {
      const { taskId, decision, comment } = event.data;
      await writes.add(
        (param) =>
          `UPDATE tasks SET status = 'completed', completed_at = ${param(event.at)}, completed_by = ${param(event.actor.userId)}, decision = ${param(decision)}, comment = ${param(comment)} WHERE id = ${param(taskId)}`,
        taskRow(taskId),
      );
      return;
    }
    case 'TaskCancelled': {
      const { taskId, reason } = event.data;
      await writes.add((param) => `UPDATE tasks SET status = 'cancelled', completed_at = ${param(event.at)}, cancel_reason = ${param(reason)} WHERE id = ${param(taskId)}`, taskRow(taskId));
      return;
    }
    case 'TaskDueDateMoved': {
      const { taskId, to } = event.data;
      await writes.add((param) => `UPDATE tasks SET due_at = ${param(to)}, reminded_at = NULL, escalated_at = NULL, escalation_level = 0 WHERE id = ${param(taskId)}`, taskRow(taskId));
      return;
    }
    // The rest are rare (a resumption, reminders, escalations, notices): each sends what the append
    // gathered so far and runs on its own, as it reads or writes rows that gathered writes may touch.
    case 'PartnershipResumed':
      await writes.flush();
      await manager.query(
        `UPDATE tasks SET opened_at = opened_at + make_interval(secs => $2::double precision / 1000), due_at = due_at + make_interval(secs => $2::double precision / 1000)
         WHERE partnership_id = $1 AND status = 'open'`,
        [partnershipId, event.data.heldForMs],
      );
      return;
    case 'ReminderSent':
    case 'TaskEscalated': {
      await writes.flush();
      const reminder = event.type === 'ReminderSent';
      if (reminder) await manager.query('UPDATE tasks SET reminded_at = $2 WHERE id = $1', [event.data.taskId, event.at]);
      else await manager.query('UPDATE tasks SET escalated_at = $2, escalation_level = $3 WHERE id = $1', [event.data.taskId, event.at, event.data.level]);
      const task = state.status === 'active' ? state.openTasks.find((open) => open.id === event.data.taskId) : undefined;
      const title = task?.title ?? event.data.taskId;
      const message = reminder
        ? `Reminder: "${title}" is due ${task?.dueAt ?? 'soon'}`
        : `Escalation (level ${event.type === 'TaskEscalated' ? event.data.level : 1}): "${title}" is overdue (it was due ${task?.dueAt ?? 'earlier'})`;
      const notification = { partnershipId, partnershipName: partnershipName(state, partnershipId), taskId: event.data.taskId, eventSequence: event.sequence, message, at: event.at };
      await writeNotifications(manager, { ...notification, kind: reminder ? 'reminder' : 'escalation' }, await recipientUsers(manager, event.data.recipients), options.deliver);
      return;
    }
    case 'TerminationNoticeReminderSent': {
      await writes.flush();
      const option = state.status === 'active' ? state.termination?.option.replace('_', ' ') : undefined;
      const message = `Reminder: the ${option ?? 'termination'} of "${partnershipName(state, partnershipId)}" takes effect on ${event.data.effectiveAt}`;
      await notifyEach(manager, state, partnershipId, event, await recipientUsers(manager, event.data.recipients), message, options.deliver);
      return;
    }
    case 'AgreementExpiryReminderSent': {
      await writes.flush();
      const message = `Reminder: the agreement of "${partnershipName(state, partnershipId)}" ends on ${event.data.endsAt}; renew it, restructure, or let it end`;
      await notifyEach(manager, state, partnershipId, event, await recipientUsers(manager, event.data.recipients), message, options.deliver);
      return;
    }
    case 'AgreementExpired': {
      await writes.flush();
      if (state.status !== 'active') return;
      const message = `The agreement of "${state.name}" ended on ${event.data.endsAt} without a decision; the partnership carries on until one is made`;
      await notifyEach(manager, state, partnershipId, event, [...new Set([state.coordinatorId, state.sponsorId])], message, options.deliver);
      return;
    }
    default:
      return;
  }
}

const partnershipName = (state: PartnershipState, partnershipId: string) => (state.status === 'active' ? state.name : partnershipId);

/** A reminder about the partnership itself (no task) to each person, routed by their preferences. */
async function notifyEach(manager: EntityManager, state: PartnershipState, partnershipId: string, event: SequencedEvent, userIds: string[], message: string, deliver: boolean): Promise<void> {
  const notification = { partnershipId, partnershipName: partnershipName(state, partnershipId), taskId: null, eventSequence: event.sequence, kind: 'reminder' as const, message, at: event.at };
  await writeNotifications(manager, notification, userIds, deliver);
}

/** People behind the recipients: a user as is, an organization as its partner representatives. */
async function recipientUsers(manager: EntityManager, recipients: Recipient[]): Promise<string[]> {
  const userIds = recipients.flatMap((recipient) => ('userId' in recipient ? [recipient.userId] : []));
  const organizationIds = recipients.flatMap((recipient) => ('organizationId' in recipient ? [recipient.organizationId] : []));
  if (organizationIds.length > 0) {
    const rows = (await manager.query(`SELECT id FROM users WHERE role = 'partner' AND organization_id = ANY($1::uuid[])`, [organizationIds])) as { id: string }[];
    userIds.push(...rows.map((row) => row.id));
  }
  return [...new Set(userIds)];
}

/** Drops every projection and folds the whole log again: the read models are disposable. */
export async function rebuildProjections(manager: EntityManager): Promise<number> {
  await manager.query('TRUNCATE notifications, tasks, partnership_deadlines, partnerships');
  const rows = (await manager.query('SELECT partnership_id, sequence FROM partnership_events ORDER BY partnership_id, sequence')) as {
    partnership_id: string;
    sequence: number;
  }[];
  const partnerships = [...new Set(rows.map((row) => row.partnership_id))];
  for (const partnershipId of partnerships) {
    await projectEvents(manager, partnershipId, await loadEvents(manager, partnershipId), { deliver: false });
  }
  return rows.length;
}
