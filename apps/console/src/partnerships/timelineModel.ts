/**
 * The timeline's events and a one-line summary of each payload. The payload is whatever the
 * event carried, so it is read defensively: an unknown type still gets a readable line.
 */
import type { RaRecord } from 'react-admin';
import { stageLabel } from './partnershipModel';

export interface EventRecord extends RaRecord<string> {
  partnershipId: string;
  sequence: number;
  type: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  payload: unknown;
  hash: string;
  previousHash: string | null;
}

type Payload = Record<string, unknown>;

const MAX_SUMMARY = 160;

export function actorLabel(event: Pick<EventRecord, 'actorName' | 'actorRole' | 'actorId'>): string {
  const name = event.actorName ?? event.actorId ?? 'system';
  return event.actorRole ? `${name} (${event.actorRole})` : name;
}

export function summarizeEvent(event: Pick<EventRecord, 'type' | 'payload'>): string {
  const data = unwrap(event.payload);
  switch (event.type) {
    case 'PartnershipCreated':
      return `Created "${text(data.name)}" with ${list(data.organizationIds).length} organizations`;
    case 'GoalsRecorded': {
      const goals = list(data.goals);
      return `${goals.length} goal${goals.length === 1 ? '' : 's'} recorded${text(data.scope) ? `; scope: ${text(data.scope)}` : ''}`;
    }
    case 'PrioritiesSubmitted':
      return 'Priorities submitted to the sponsor';
    case 'TaskOpened': {
      const task = record(data.task);
      return `Task opened: ${text(task.title) || text(task.kind)}${text(task.dueAt) ? `, due ${formatInstant(text(task.dueAt))}` : ''}`;
    }
    case 'TaskCompleted':
      return `Task ${text(data.decision) === 'reject' ? 'rejected' : 'approved'}${text(data.comment) ? `: ${text(data.comment)}` : ''}`;
    case 'PrioritiesApproved':
      return 'Priorities approved';
    case 'PrioritiesRejected':
      return `Priorities rejected: ${text(data.reason)}`;
    case 'StageAdvanced':
      return `Stage ${stageLabel(text(data.from))} → ${stageLabel(text(data.to))}`;
    case 'ReminderSent':
      return `Reminder sent to ${list(data.recipientIds).length} people`;
    case 'TaskEscalated':
      return `Escalated to ${list(data.recipientIds).length} people`;
    default:
      return truncate(JSON.stringify(event.payload ?? {}));
  }
}

/** Some APIs nest the event's data one level down; accept both. */
function unwrap(payload: unknown): Payload {
  const outer = record(payload);
  const inner = outer.data;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Payload) : outer;
}

function record(value: unknown): Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function truncate(value: string): string {
  return value.length > MAX_SUMMARY ? `${value.slice(0, MAX_SUMMARY - 1)}…` : value;
}

function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
