import { describe, expect, it } from 'vitest';
import { partnershipRecord } from './partnership-record.js';
import { fold, type ActivePartnership } from './partnership.js';
import { active, created, EARLIER, goalsRecorded, IDS, stamped } from './spec-helpers.js';

describe('partnershipRecord', () => {
  it('given a state, then carries what the page reads and leaves out what only the rules need', () => {
    const state = active(fold([created(), goalsRecorded()]));
    const record = partnershipRecord(state);
    expect(record).toMatchObject({ id: IDS.partnership, stage: 'PRIORITY_SETTING', goals: state.goals, scope: state.scope, version: 2, onHold: false, hold: null });
    for (const onlyForTheRules of ['status', 'steeringGroupIds', 'measurements', 'healthChecks', 'goalAttainment']) expect(record).not.toHaveProperty(onlyForTheRules);
  });

  it('given a partnership on hold, then says so', () => {
    const held = active(fold([created(), stamped({ type: 'PartnershipPutOnHold', data: { reason: 'Funding review' } })]));
    expect(partnershipRecord(held)).toMatchObject({ onHold: true, hold: { since: EARLIER.toISOString(), reason: 'Funding review' } });
  });

  it('given a state stored before a field existed, then reads that field as null rather than leaving it out', () => {
    const { hold: _hold, ...older } = active(fold([created()]));
    const record = partnershipRecord(older as ActivePartnership);
    expect(record).toHaveProperty('hold', null);
    expect(record.onHold).toBe(false);
  });
});
