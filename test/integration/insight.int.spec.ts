/**
 * Derived views of a partnership: its state as of an instant (a fold of the log), the deadline
 * ledger, the computed measures, and the hash chain's verification, which catches an edited event.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, login, type Session } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

let coordinator: Session;
let db: pg.Client;

beforeAll(async () => {
  coordinator = await login(DEMO.coordinator);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

describe('derived views', () => {
  it('folds the state as of any instant', async () => {
    const { id } = await createPartnership(coordinator);
    const beforeSubmission = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await submitGoals(coordinator, id);
    const then = await coordinator.get(`/api/partnerships/${id}/state?at=${encodeURIComponent(beforeSubmission)}`);
    expect(then.body).toMatchObject({ status: 'active', prioritiesStatus: 'DRAFTING', goals: [], version: 1 });
    const now = await coordinator.get(`/api/partnerships/${id}/state`);
    expect(now.body).toMatchObject({ prioritiesStatus: 'SUBMITTED', version: 4 });
    expect(now.body.openTasks).toHaveLength(1);
    expect((await coordinator.get(`/api/partnerships/${id}/state?at=yesterday`)).status).toBe(400);
  });

  it('lists the pending timers of the deadline ledger, earliest first', async () => {
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);
    const ledger = (await coordinator.get(`/api/partnerships/${id}/deadlines`)).body as { purpose: string; firesAt: string; level?: number; taskTitle?: string }[];
    expect(ledger.map((entry) => entry.purpose)).toEqual(['reminder', 'escalation']);
    expect(ledger[0]!.taskTitle).toContain('Approve the priorities');
    expect(Date.parse(ledger[0]!.firesAt)).toBeLessThan(Date.parse(ledger[1]!.firesAt));
    expect(ledger[1]!.level).toBe(1);
  });

  it('computes measures (empty before any measurement)', async () => {
    const { id } = await createPartnership(coordinator);
    expect((await coordinator.get(`/api/partnerships/${id}/measures`)).body).toEqual({
      cycle: 0,
      kpis: [],
      shareOnTrack: null,
      onTimeSubmissionRate: null,
      healthGap: null,
      partnerNps: null,
      goalAttainmentTScore: null,
      communication: null,
      trajectories: [],
      health: [],
      cycles: [],
    });
  });

  it('verifies the hash chain and detects an edited event', async () => {
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);
    const intact = (await coordinator.get(`/api/partnerships/${id}/verify`)).body;
    expect(intact).toMatchObject({ valid: true, events: 4, firstBrokenSequence: null });
    expect(intact.headHash).toMatch(/^[0-9a-f]{64}$/);

    await expect(db.query(`UPDATE partnership_events SET payload = '{}' WHERE partnership_id = $1 AND sequence = 2`, [id])).rejects.toThrow(/append-only/);
    // Only a superuser who switches the guard off can edit the log; the chain still tells.
    await withGuardOff(db, 'partnership_events', () => db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"a smaller scope"') WHERE partnership_id = $1 AND sequence = 2`, [id]));
    expect((await coordinator.get(`/api/partnerships/${id}/verify`)).body).toMatchObject({ valid: false, firstBrokenSequence: 2 });
  });
});
