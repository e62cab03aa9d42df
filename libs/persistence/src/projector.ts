/**
 * Read models from events, inside the append's transaction. The partnership row is the decider's
 * own state folded with `evolve`; tasks and notifications keep the history that state forgets.
 */
import type { EntityManager } from 'typeorm';
import { deadlineLedger, evolve, initialState, partnershipRecord, upgradeState, upgradeTask, type ActivePartnership, type PartnershipState, type Recipient } from '@pe/domain';
import { writeDeadlines } from './deadline-rows.js';
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
 * Folds one append's events (in sequence order) into the read models: the partnership's row is read
 * and written once — first, since tasks refer to it — then tasks and notifications event by event,
 * each with the state just after that event.
 */
export async function projectEvents(manager: EntityManager, partnershipId: string, events: readonly SequencedEvent[], options: ProjectionOptions = { deliver: true }): Promise<void> {
  let state = await currentState(manager, partnershipId);
  const states: PartnershipState[] = [state];
  for (const event of events) states.push((state = evolve(state, event)));
  if (state.status === 'active') {
    await saveState(manager, state);
    await writeDeadlines(manager, state.id, deadlineLedger(state));
  }
  for (const [index, event] of events.entries()) {
    await projectTasksAndNotifications(manager, partnershipId, event, states[index + 1]!, options);
    if (options.deliver) await queueStageChanged(manager, event, states[index]!, states[index + 1]!);
  }
}

/** An event that moves the partnership from one stage to another is a `partnership.stage_changed` webhook message. */
async function queueStageChanged(manager: EntityManager, event: SequencedEvent, before: PartnershipState, after: PartnershipState): Promise<void> {
  if (before.status !== 'active' || after.status !== 'active' || before.stage === after.stage) return;
  await queueStageChange(manager, {
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
  const [row] = (await manager.query('SELECT state FROM partnerships WHERE id = $1 FOR UPDATE', [partnershipId])) as {
    state: PartnershipState;
  }[];
  // A row written by older code holds an older shape of the state.
  return row ? upgradeState(row.state) : initialState();
}

/** The row's columns are the page's record (one mapping, shared with the API's replay); `state` keeps the whole fold. */
async function saveState(manager: EntityManager, state: ActivePartnership): Promise<void> {
  const record = partnershipRecord(state);
  await manager.query(
    `INSERT INTO partnerships (id, name, description, stage, priorities_status, last_rejection_reason, coordinator_id, sponsor_id,
       organization_ids, goals, scope, policy, state, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (id) DO UPDATE SET name = $2, description = $3, stage = $4, priorities_status = $5, last_rejection_reason = $6,
       coordinator_id = $7, sponsor_id = $8, organization_ids = $9, goals = $10, scope = $11, policy = $12, state = $13,
       version = $14, updated_at = $16`,
    [
      record.id,
      record.name,
      record.description,
      record.stage,
      record.prioritiesStatus,
      record.lastRejectionReason,
      record.coordinatorId,
      record.sponsorId,
      record.organizationIds,
      JSON.stringify(record.goals),
      record.scope,
      JSON.stringify(record.policy),
      JSON.stringify(state),
      record.version,
      record.createdAt,
      record.updatedAt,
    ],
  );
}

async function projectTasksAndNotifications(
  manager: EntityManager,
  partnershipId: string,
  event: SequencedEvent,
  state: PartnershipState,
  options: ProjectionOptions,
): Promise<void> {
  switch (event.type) {
    case 'TaskOpened': {
      const task = upgradeTask(event.data.task);
      await manager.query(
        `INSERT INTO tasks (id, partnership_id, kind, title, assignee_user_id, assignee_organization_id, status, opened_at, due_at, cycle, purpose, detail)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11)`,
        [
          task.id,
          partnershipId,
          task.kind,
          task.title,
          task.assignee.kind === 'user' ? task.assignee.userId : null,
          task.assignee.kind === 'organization' ? task.assignee.organizationId : null,
          task.openedAt,
          task.dueAt,
          task.cycle,
          task.purpose,
          task.detail,
        ],
      );
      return;
    }
    case 'TaskCompleted':
      await manager.query(
        `UPDATE tasks SET status = 'completed', completed_at = $2, completed_by = $3, decision = $4, comment = $5 WHERE id = $1`,
        [event.data.taskId, event.at, event.actor.userId, event.data.decision, event.data.comment],
      );
      return;
    case 'TaskCancelled':
      await manager.query(`UPDATE tasks SET status = 'cancelled', completed_at = $2, cancel_reason = $3 WHERE id = $1`, [event.data.taskId, event.at, event.data.reason]);
      return;
    case 'TaskDueDateMoved':
      await manager.query('UPDATE tasks SET due_at = $2, reminded_at = NULL, escalated_at = NULL, escalation_level = 0 WHERE id = $1', [event.data.taskId, event.data.to]);
      return;
    case 'PartnershipResumed':
      await manager.query(
        `UPDATE tasks SET opened_at = opened_at + make_interval(secs => $2::double precision / 1000), due_at = due_at + make_interval(secs => $2::double precision / 1000)
         WHERE partnership_id = $1 AND status = 'open'`,
        [partnershipId, event.data.heldForMs],
      );
      return;
    case 'ReminderSent':
    case 'TaskEscalated': {
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
      const option = state.status === 'active' ? state.termination?.option.replace('_', ' ') : undefined;
      const message = `Reminder: the ${option ?? 'termination'} of "${partnershipName(state, partnershipId)}" takes effect on ${event.data.effectiveAt}`;
      await notifyEach(manager, state, partnershipId, event, await recipientUsers(manager, event.data.recipients), message, options.deliver);
      return;
    }
    case 'AgreementExpiryReminderSent': {
      const message = `Reminder: the agreement of "${partnershipName(state, partnershipId)}" ends on ${event.data.endsAt}; renew it, restructure, or let it end`;
      await notifyEach(manager, state, partnershipId, event, await recipientUsers(manager, event.data.recipients), message, options.deliver);
      return;
    }
    case 'AgreementExpired': {
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
