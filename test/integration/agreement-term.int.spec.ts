/**
 * The agreement's term against the real stack, on a term of seconds: once adopted, its reminders
 * reach the coordinator and the sponsor as notifications, the first opens the coordinator's decision,
 * and the decision is proposed as that termination; a term that ends undecided is recorded expired.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, listQuery } from '../support/http.js';
import { agreeRoles, castOf, complete, openTasks, partnershipOf, send, timeline, toMeasurement, toRoleIdentification, type Cast } from '../support/lifecycle.js';

let cast: Cast;
beforeAll(async () => {
  cast = await castOf();
});

/** MEASUREMENT under an agreement that runs `duration` with reminders `remindBefore` before its end. */
async function underTerm(duration: string, remindBefore: string[]): Promise<string> {
  const { id } = await toRoleIdentification(cast);
  await agreeRoles(cast, id, 'cooperative');
  await send(cast, cast.coordinator, id, { type: 'SetAgreementTerm', term: { duration, remindBefore } });
  await toMeasurement(cast, id);
  expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'MEASUREMENT', termEndsAt: expect.any(String) });
  return id;
}

interface Note {
  message: string;
  kind: string;
}
const notes = async (id: string, session = cast.coordinator) => (await session.get<Note[]>(`/api/notifications?${listQuery({ partnershipId: id }, ['createdAt', 'DESC'])}`)).body;

describe('the agreement’s term', () => {
  it('reminds the coordinator and the sponsor, opens the coordinator’s decision, and proposes it as the termination chosen', async () => {
    const id = await underTerm('PT60S', ['PT50S', 'PT40S']);
    const record = await partnershipOf(cast, id);
    expect(record.agreement.content.term).toEqual({ duration: 'PT60S', remindBefore: ['PT50S', 'PT40S'] });
    const ledger = (await cast.coordinator.get(`/api/deadlines?${listQuery({ partnershipId: id, purpose: ['expiry_reminder', 'expiry'] }, ['firesAt', 'ASC'])}`)).body as { purpose: string; firesAt: string }[];
    expect(ledger.map((row) => row.purpose)).toEqual(['expiry_reminder', 'expiry']);
    expect(ledger[1]!.firesAt).toBe(record.termEndsAt);

    const [decision] = await eventually('the coordinator’s decision task', async () => {
      const open = await openTasks(cast.coordinator, id, 'DECIDE_EXPIRY');
      return open.length > 0 ? open : undefined;
    });
    for (const session of [cast.coordinator, cast.sponsor]) {
      expect((await notes(id, session)).some((note) => note.message.includes(`ends on ${record.termEndsAt}`))).toBe(true);
    }
    const wrong = await cast.coordinator.post(`/api/tasks/${decision!.id}/complete`, { decision: 'approve', data: { decision: 'stop' } });
    expect(wrong).toMatchObject({ status: 400, body: { errors: { 'data.decision': expect.any(String) } } });
    await complete(cast, cast.coordinator, decision!, { data: { decision: 'let_end', reason: 'The goals are met' } });
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'TERMINATION', termination: { option: 'exit', reason: 'The goals are met' } });
    expect(await openTasks(cast.sponsor, id, 'APPROVE_TERMINATION')).toHaveLength(1);
  });

  it('ends undecided: recorded as expired, and the partnership carries on measuring', async () => {
    const id = await underTerm('PT12S', ['PT6S']);
    await eventually('the term to end', async () => ((await partnershipOf(cast, id)).termExpired ? true : undefined), 60_000);
    const events = await timeline(cast, id);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['AgreementTermSet', 'AgreementExpiryReminderSent', 'AgreementExpired']));
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'MEASUREMENT', termExpired: true });
    expect(await openTasks(cast.coordinator, id, 'DECIDE_EXPIRY')).toHaveLength(1);
  });
});
