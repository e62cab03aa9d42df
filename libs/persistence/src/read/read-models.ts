/** The list specifications of every read model the API serves. */
import { equals, flag, idIn, instantBound, search, type ListColumn, type ListSpec } from './list-query.js';

/** A timestamptz column, read as ISO-8601 text in UTC and sorted as the timestamp. */
const iso = (column: string): ListColumn => ({ select: `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, sortBy: column });

export const organizationList: ListSpec = {
  from: 'organizations o',
  columns: {
    id: 'o.id',
    name: 'o.name',
    kind: 'o.kind',
    country: 'o.country',
    // The mission in force: the newest version (the history is GET /organizations/:id/missions).
    mission: '(SELECT m.text FROM organization_missions m WHERE m.organization_id = o.id ORDER BY m.version DESC LIMIT 1)',
    missionVersion: '(SELECT max(m.version) FROM organization_missions m WHERE m.organization_id = o.id)',
    active: 'o.deactivated_at IS NULL',
    deactivatedAt: iso('o.deactivated_at'),
    createdAt: iso('o.created_at'),
  },
  defaultSort: ['name', 'ASC'],
  filters: { id: idIn('o.id'), q: search('o.name'), kind: equals('o.kind'), active: flag('o.deactivated_at IS NULL') },
};

export const userList: ListSpec = {
  from: 'users u',
  // Never the password hash.
  columns: {
    id: 'u.id',
    email: 'u.email',
    name: 'u.name',
    role: 'u.role',
    organizationId: 'u.organization_id',
    active: 'u.deactivated_at IS NULL',
    deactivatedAt: iso('u.deactivated_at'),
    createdAt: iso('u.created_at'),
  },
  defaultSort: ['name', 'ASC'],
  filters: {
    id: idIn('u.id'),
    role: equals('u.role'),
    organizationId: equals('u.organization_id::text'),
    active: flag('u.deactivated_at IS NULL'),
    q: search('u.name', 'u.email'),
  },
};

export const partnershipList: ListSpec = {
  from: 'partnerships p',
  columns: {
    id: 'p.id',
    name: 'p.name',
    description: 'p.description',
    stage: 'p.stage',
    prioritiesStatus: 'p.priorities_status',
    lastRejectionReason: 'p.last_rejection_reason',
    coordinatorId: 'p.coordinator_id',
    sponsorId: 'p.sponsor_id',
    organizationIds: 'p.organization_ids',
    goals: 'p.goals',
    scope: 'p.scope',
    policy: 'p.policy',
    version: 'p.version',
    generation: `(p.state->>'generation')::int`,
    managementModel: `p.state->>'managementModel'`,
    onHold: `(p.state->'hold') IS NOT NULL AND p.state->'hold' <> 'null'::jsonb`,
    cycle: `(p.state->>'cycle')::int`,
    kpis: `p.state->'kpis'`,
    createdAt: iso('p.created_at'),
    updatedAt: iso('p.updated_at'),
  },
  defaultSort: ['updatedAt', 'DESC'],
  filters: { id: idIn('p.id'), stage: equals('p.stage'), q: search('p.name', 'p.description') },
  key: 'p.id',
};

/**
 * One partnership's stored state, for its page: the API turns it into the record with the domain's
 * `partnershipRecord` (the mapping the projector writes its columns with and the replay uses), so
 * the page and the rules read the same fold. Kept off the list, whose rows would otherwise carry
 * every partnership's whole state.
 */
export const partnershipState: ListSpec = {
  from: 'partnerships p',
  columns: { id: 'p.id', state: 'p.state' },
  defaultSort: ['id', 'ASC'],
  filters: { id: idIn('p.id') },
};

export const taskList: ListSpec = {
  from: 'tasks t JOIN partnerships p ON p.id = t.partnership_id',
  columns: {
    id: 't.id',
    partnershipId: 't.partnership_id',
    partnershipName: 'p.name',
    kind: 't.kind',
    title: 't.title',
    assigneeUserId: 't.assignee_user_id',
    assigneeOrganizationId: 't.assignee_organization_id',
    cycle: 't.cycle',
    purpose: 't.purpose',
    detail: 't.detail',
    status: 't.status',
    openedAt: iso('t.opened_at'),
    dueAt: iso('t.due_at'),
    remindedAt: iso('t.reminded_at'),
    escalatedAt: iso('t.escalated_at'),
    escalationLevel: 't.escalation_level',
    cancelReason: 't.cancel_reason',
    completedAt: iso('t.completed_at'),
    completedBy: 't.completed_by',
    decision: 't.decision',
    comment: 't.comment',
  },
  defaultSort: ['dueAt', 'ASC'],
  filters: {
    id: idIn('t.id'),
    status: equals('t.status'),
    partnershipId: equals('t.partnership_id::text'),
    assigneeUserId: equals('t.assignee_user_id::text'),
    assigneeOrganizationId: equals('t.assignee_organization_id::text'),
    cycle: equals('t.cycle::text'),
    kind: equals('t.kind'),
    q: search('t.title', 'p.name'),
  },
  key: 't.id',
};

export const eventList: ListSpec = {
  from: 'partnership_events e LEFT JOIN users u ON u.id::text = e.actor_id LEFT JOIN partnerships p ON p.id = e.partnership_id',
  columns: {
    id: `e.partnership_id || ':' || e.sequence`,
    partnershipId: 'e.partnership_id',
    partnershipName: 'p.name',
    sequence: 'e.sequence',
    type: 'e.type',
    occurredAt: iso('e.occurred_at'),
    actorId: 'e.actor_id',
    actorName: `COALESCE(u.name, e.actor_id)`,
    actorRole: 'e.actor_role',
    actorOrganizationId: 'e.actor_organization_id',
    payload: 'e.payload',
    previousHash: 'e.previous_hash',
    hash: 'e.hash',
    workflowRunId: 'e.workflow_run_id',
  },
  defaultSort: ['occurredAt', 'DESC'],
  // The events of one command share their instant: newest first means the later sequence first.
  tieBreakers: ['e.partnership_id', 'e.sequence'],
  filters: {
    partnershipId: equals('e.partnership_id::text'),
    type: equals('e.type'),
    actorId: equals('e.actor_id'),
    occurredFrom: instantBound('e.occurred_at', 'from', 'occurredFrom'),
    occurredTo: instantBound('e.occurred_at', 'to', 'occurredTo'),
  },
};

export const notificationList: ListSpec = {
  from: 'notifications n',
  columns: {
    id: 'n.id::text',
    userId: 'n.user_id',
    partnershipId: 'n.partnership_id',
    taskId: 'n.task_id',
    kind: 'n.kind',
    message: 'n.message',
    createdAt: iso('n.created_at'),
    readAt: iso('n.read_at'),
  },
  defaultSort: ['createdAt', 'DESC'],
  filters: {
    kind: equals('n.kind'),
    partnershipId: equals('n.partnership_id::text'),
    taskId: equals('n.task_id'),
    userId: equals('n.user_id::text'),
    unread: flag('n.read_at IS NULL', 'unread'),
  },
};

/** The access log, newest first; names resolved for reading (deactivated users and closed partnerships too). */
export const accessLogList: ListSpec = {
  from: 'access_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN partnerships p ON p.id = a.partnership_id',
  columns: {
    id: 'a.id::text',
    at: iso('a.at'),
    action: 'a.action',
    actorId: 'a.actor_id',
    actorName: 'u.name',
    actorRole: 'a.actor_role',
    partnershipId: 'a.partnership_id',
    partnershipName: 'p.name',
    format: `a.detail->>'format'`,
    // Rows written before outcomes were recorded were all served.
    outcome: `COALESCE(a.detail->>'outcome', 'served')`,
    refusal: `CASE WHEN a.detail->>'code' IS NOT NULL THEN (a.detail->>'status') || ' ' || (a.detail->>'code') END`,
    email: `a.detail->>'email'`,
    ip: 'a.ip',
    detail: 'a.detail',
  },
  defaultSort: ['at', 'DESC'],
  filters: {
    id: idIn('a.id'),
    action: equals('a.action'),
    actorId: equals('a.actor_id::text'),
    partnershipId: equals('a.partnership_id::text'),
    // Sign-ins store the email tried as typed, trimmed and in lower case; the filter is read the same way.
    email: equals(`a.detail->>'email'`),
    since: instantBound('a.at', 'from', 'since'),
    until: instantBound('a.at', 'to', 'until'),
  },
};

/** Organizations' webhook subscriptions, for admins (the secret is read one subscription at a time: `webhookSecret`). */
export const webhookList: ListSpec = {
  from: 'webhook_subscriptions w JOIN organizations o ON o.id = w.organization_id',
  columns: {
    id: 'w.id',
    organizationId: 'w.organization_id',
    organizationName: 'o.name',
    url: 'w.url',
    description: 'w.description',
    eventTypes: 'w.event_types',
    active: 'w.active',
    createdAt: iso('w.created_at'),
    updatedAt: iso('w.updated_at'),
    pending: `(SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = w.id AND d.status = 'pending')`,
    failed: `(SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = w.id AND d.status = 'failed')`,
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreakers: ['w.id'],
  filters: { id: idIn('w.id'), organizationId: equals('w.organization_id::text'), active: flag('w.active') },
};

/** The delivery log: one row per message and subscription, its latest outcome; the attempts are read per delivery. */
export const webhookDeliveryList: ListSpec = {
  from: 'webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id LEFT JOIN partnerships p ON p.id = d.partnership_id',
  columns: {
    id: 'd.id',
    webhookId: 'd.subscription_id',
    organizationId: 'w.organization_id',
    url: 'w.url',
    eventType: 'd.event_type',
    partnershipId: 'd.partnership_id',
    partnershipName: 'p.name',
    eventSequence: 'd.event_sequence',
    recipientUserId: 'd.recipient_user_id',
    status: 'd.status',
    round: 'd.round',
    attempts: 'd.attempts',
    lastStatusCode: 'd.last_status_code',
    lastError: 'd.last_error',
    payload: 'd.payload',
    createdAt: iso('d.created_at'),
    deliveredAt: iso('d.delivered_at'),
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreakers: ['d.id'],
  filters: {
    id: idIn('d.id'),
    webhookId: equals('d.subscription_id::text'),
    organizationId: equals('w.organization_id::text'),
    status: equals('d.status'),
    eventType: equals('d.event_type'),
  },
};

/** Every email the product sent, will send, or holds for a digest, newest first. */
export const sentEmailList: ListSpec = {
  from: 'email_outbox m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN partnerships p ON p.id = m.partnership_id',
  columns: {
    id: 'm.id::text',
    userId: 'm.user_id',
    userName: 'u.name',
    to: 'm.to_address',
    kind: 'm.kind',
    partnershipId: 'm.partnership_id',
    partnershipName: 'p.name',
    subject: 'm.subject',
    body: 'm.body',
    status: 'm.status',
    digestId: 'm.digest_id::text',
    attempts: 'm.attempts',
    lastError: 'm.last_error',
    createdAt: iso('m.created_at'),
    sentAt: iso('m.sent_at'),
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreakers: ['m.id'],
  filters: { id: idIn('m.id'), status: equals('m.status'), kind: equals('m.kind'), userId: equals('m.user_id::text'), q: search('m.subject', 'm.to_address') },
};
