/**
 * Governance that acts, against the real stack: an overdue task escalates along the partnership's
 * agreed path of people (not to every sponsor), and an approved exit takes effect only when the
 * agreed notice period has run, on a durable workflow timer, with a reminder before; the
 * partnership carries on meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, listQuery, type Session } from '../support/http.js';
import {
  agreeRoles,
  castOf,
  completeOpenTasks,
  openTasks,
  partnershipOf,
  proposeAndApproveTermination,
  stageOf,
  timeline,
  toMeasurement,
  toRoleIdentification,
  type Cast,
  type TimelineEvent,
} from '../support/lifecycle.js';
import { SLOW_POLICY } from '../support/partnerships.js';

interface Note {
  kind: string;
  taskId: string | null;
  message: string;
}

let cast: Cast;
/** Partnerships whose timers would keep firing: held after the tests. */
const toHold: string[] = [];

beforeAll(async () => {
  cast = await castOf();
});
afterAll(async () => {
  for (const id of toHold) await cast?.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'test over' });
});

const notificationsOf = async (session: Session, partnershipId: string) =>
  (await session.get<Note[]>(`/api/notifications?${listQuery({ partnershipId }, ['createdAt', 'DESC'], [0, 199])}`)).body;

const eventsOfType = async (id: string, type: string): Promise<TimelineEvent[]> => (await timeline(cast, id)).filter((event) => event.type === type);

describe('an overdue task escalates along the agreed path', () => {
  it('level 1 reaches the first person of the path, level 2 the second, and a path of two has no third level', async () => {
    // The first review cycle opens two seconds after adoption; its tasks are due four seconds later and escalate every two.
    const policy = { ...SLOW_POLICY, reviewCycle: 'PT2S', taskDue: 'PT4S', reminderBeforeDue: 'PT1S', escalateAfterOverdue: 'PT2S' };
    const { id } = await toRoleIdentification(cast, policy);
    toHold.push(id);
    await agreeRoles(cast, id, 'cooperative', undefined, { escalationSteps: [cast.northwind.user.id, cast.sponsor.user.id] });
    await toMeasurement(cast, id);

    const report = await eventually('the cycle-1 report task of Riverside', async () =>
      (await openTasks(cast.riverside, id, 'REPORT_MEASUREMENT')).find((task) => task.assigneeOrganizationId === cast.orgs.riverside),
    );
    const escalations = await eventually('two escalations of the report task', async () => {
      const found = (await eventsOfType(id, 'TaskEscalated')).filter((event) => event.payload.taskId === report.id);
      return found.length >= 2 ? found : undefined;
    });
    expect(escalations.map((event) => event.payload)).toEqual([
      { taskId: report.id, level: 1, recipients: [{ userId: cast.northwind.user.id }] },
      { taskId: report.id, level: 2, recipients: [{ userId: cast.sponsor.user.id }] },
    ]);

    // The agreed person heard of it; the coordinator, first on the ladder, did not.
    const northwindNotes = await notificationsOf(cast.northwind, id);
    expect(northwindNotes.filter((note) => note.kind === 'escalation' && note.taskId === report.id)).toHaveLength(1);
    const coordinatorNotes = await notificationsOf(cast.coordinator, id);
    expect(coordinatorNotes.filter((note) => note.kind === 'escalation' && note.taskId === report.id)).toEqual([]);

    // Nothing is left to escalate: the ledger holds no third level for the task.
    const ledger = (await cast.coordinator.get<{ purpose: string; taskId: string | null }[]>(`/api/partnerships/${id}/deadlines`)).body;
    expect(ledger.filter((entry) => entry.purpose === 'escalation' && entry.taskId === report.id)).toEqual([]);
  });
});

describe('an approved exit waits for the agreed notice period', () => {
  it('the partnership stays active and is reminded; when the notice has run the timer carries the exit out', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative', undefined, { noticePeriod: 'PT8S' });
    await toMeasurement(cast, id);
    await proposeAndApproveTermination(cast, id, 'exit');

    // Signed off, yet still at work: back in MEASUREMENT, with the date the exit takes effect.
    const during = await partnershipOf(cast, id);
    expect(during.stage).toBe('MEASUREMENT');
    expect(during.termination).toMatchObject({ option: 'exit', approved: true });
    const effectiveAt = Date.parse(during.termination.effectiveAt);
    const [scheduled] = await eventsOfType(id, 'TerminationScheduled');
    expect(scheduled?.payload).toEqual({ option: 'exit', noticePeriod: 'PT8S', effectiveAt: during.termination.effectiveAt });
    expect(effectiveAt - Date.parse(scheduled!.occurredAt)).toBe(8000);
    expect(await openTasks(cast.coordinator, id, 'WIND_DOWN')).toEqual([]);
    const again = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'ProposeTermination', option: 'hand_over', reason: 'Sooner' });
    expect(again).toMatchObject({ status: 409, body: { code: 'TERMINATION.IN_PROGRESS' } });

    // Halfway through the notice everyone hears when it ends; Riverside through its point of contact.
    const [reminder] = await eventually('the notice reminder', async () => {
      const found = await eventsOfType(id, 'TerminationNoticeReminderSent');
      return found.length > 0 ? found : undefined;
    });
    expect(reminder!.payload).toMatchObject({ reminder: 1, effectiveAt: during.termination.effectiveAt });
    expect(Date.parse(reminder!.occurredAt)).toBeLessThan(effectiveAt);
    const riversideNotes = await notificationsOf(cast.riverside, id);
    expect(riversideNotes.some((note) => note.kind === 'reminder' && note.message.includes('takes effect on'))).toBe(true);

    // The timer fires: the exit is carried out, not before its date.
    const [decided] = await eventually(
      'the exit to take effect',
      async () => {
        const found = await eventsOfType(id, 'TerminationDecided');
        return found.length > 0 ? found : undefined;
      },
      60_000,
    );
    expect(Date.parse(decided!.occurredAt)).toBeGreaterThanOrEqual(effectiveAt);
    expect(decided!.actorId).toBe('system');
    expect(await stageOf(cast, id)).toBe('TERMINATION');
    const types = (await timeline(cast, id)).map((event) => event.type);
    const from = types.indexOf('TerminationScheduled');
    expect(types.slice(from, from + 3)).toEqual(['TerminationScheduled', 'StageAdvanced', 'TerminationNoticeReminderSent']);
    expect(types.slice(types.indexOf('TerminationDecided') - 1, types.indexOf('TerminationDecided') + 1)).toEqual(['StageAdvanced', 'TerminationDecided']);
    await completeOpenTasks(cast, cast.coordinator, id, 'WIND_DOWN');
    expect(await stageOf(cast, id)).toBe('CLOSED');
  });
});
