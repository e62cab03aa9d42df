/**
 * Check-ins shaped for the page: the communication plan in a sentence, each check-in with where it
 * stands (held, missed, to record) and its actions, and held against planned in words. The outcome
 * and the measure come from @pe/domain, so the page counts exactly as the review's measures do.
 */
import { CHECK_INS_MEASURED, checkInOutcome, communicationMeasure, durationInWords, type CheckIn, type CheckInAction, type CommunicationMeasure, type CommunicationPlan, type OpenTask } from '@pe/domain';
import type { PartnershipRecord } from './partnershipModel';

/** "A check-in every 2 weeks (Video call) with Riverside Clinic and Northwind Foundation." */
export function planSentence(plan: CommunicationPlan | null | undefined, organizationName: (id: string) => string): string {
  if (!plan) return 'No communication plan: no check-ins are planned.';
  const who = plan.organizationIds.map(organizationName);
  const joined = who.length <= 1 ? who.join('') : `${who.slice(0, -1).join(', ')} and ${who.at(-1)}`;
  return `A check-in every ${everyWords(plan.cadence)} (${plan.channel}) with ${joined}.`;
}

/** "P14D" → "14 days", "P1M" → "month". */
const everyWords = (cadence: string) => durationInWords(cadence).replace(/^1 ([a-z]+)$/, '$1');

/** The plan the engine acts on: the adopted agreement's (a plan in a version being signed is not agreed yet). */
export function planInForce(record: Pick<PartnershipRecord, 'agreement'>): CommunicationPlan | null {
  return record.agreement?.adopted ? (record.agreement.content.governance.communicationPlan ?? null) : null;
}

export interface CheckInRow {
  number: number;
  title: string;
  /** Held on …, Missed, To record (due …). */
  status: string;
  tone: 'success' | 'error' | 'default';
  attendees: string;
  notes: string;
  actions: ActionRow[];
}

export interface ActionRow {
  id: string;
  description: string;
  owner: string;
  due: string;
  status: string;
  done: boolean;
}

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The check-ins newest first, each with where it stands at `now`. */
export function checkInRows(record: Pick<PartnershipRecord, 'checkIns' | 'openTasks'>, now: Date, userName: (id: string) => string): CheckInRow[] {
  const openTasks: readonly OpenTask[] = record.openTasks ?? [];
  return [...(record.checkIns ?? [])].reverse().map((checkIn) => {
    const outcome = checkInOutcome(checkIn, openTasks, now);
    const task = openTasks.find((open) => open.id === checkIn.taskId);
    const status = {
      held: () => `Held on ${day(checkIn.heldOn ?? checkIn.plannedAt)}`,
      missed: () => (task ? `Missed: not recorded by ${day(task.dueAt)}` : 'Missed'),
      pending: () => `To record by ${day(task?.dueAt ?? checkIn.plannedAt)}`,
      cancelled: () => 'Withdrawn (a termination was proposed): not counted',
    }[outcome]();
    return {
      number: checkIn.number,
      title: `Check-in ${checkIn.number}, planned for ${day(checkIn.plannedAt)}`,
      status,
      tone: outcome === 'held' ? 'success' : outcome === 'missed' ? 'error' : 'default',
      attendees: checkIn.attendees.join(', '),
      notes: checkIn.notes,
      actions: checkIn.actions.map((action) => actionRow(action, userName)),
    };
  });
}

export function actionRow(action: CheckInAction, userName: (id: string) => string): ActionRow {
  return {
    id: action.id,
    description: action.description,
    owner: userName(action.ownerId),
    due: day(action.dueOn),
    status: action.status === 'done' ? `Done${action.note ? `: ${action.note}` : ''}` : action.status === 'cancelled' ? 'Withdrawn' : 'Open',
    done: action.status === 'done',
  };
}

/** "5 of the last 6 check-ins held (83%)", or why there is no figure yet. */
export function communicationSentence(measure: CommunicationMeasure | null | undefined): string {
  if (!measure) return 'No check-in has fallen due yet.';
  if (measure.planned === 0) return 'No check-in is settled yet (the first is still to record).';
  const rate = Math.round((measure.rate ?? 0) * 100);
  const latest = measure.planned === CHECK_INS_MEASURED ? ` (the latest ${CHECK_INS_MEASURED})` : '';
  return `Check-ins held: ${measure.held} of ${measure.planned}${latest}, ${rate}%`;
}

/** Held against planned, from the record's check-ins and open tasks as of `now`; null before any falls due. */
export function recordCommunication(record: Pick<PartnershipRecord, 'checkIns' | 'openTasks'>, now: Date): CommunicationMeasure | null {
  const checkIns: readonly CheckIn[] = record.checkIns ?? [];
  return checkIns.length === 0 ? null : communicationMeasure([...checkIns], record.openTasks ?? [], now);
}
