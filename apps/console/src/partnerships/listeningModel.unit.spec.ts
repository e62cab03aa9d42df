import { describe, expect, it } from 'vitest';
import { goalOverlap } from '@pe/domain';
import { alignmentRows, missionChangedWarning, overlapWarning, stakeholderGrid, toListeningSessionCommand, toScoreAlignmentCommand } from './listeningModel';

describe('the listening page', () => {
  it('places stakeholders on the interest × influence grid, high influence first', () => {
    const grid = stakeholderGrid([{ id: 's', name: 'Council', organizationId: null, interest: 5, influence: 3 }]);
    expect(grid).toHaveLength(5);
    expect(grid[0]![0]).toMatchObject({ influence: 5, interest: 1 });
    expect(grid[2]![4]!.stakeholders.map((one) => one.name)).toEqual(['Council']);
  });

  it('flags a goal scored 0 by an organization or averaging below 1.5', () => {
    const orgs = ['a', 'b'];
    expect(goalOverlap({ rank: 1 }, orgs, { a: { '1': 3 }, b: { '1': 0 } })).toMatchObject({ flagged: true, zeroBy: ['b'], average: 1.5 });
    expect(goalOverlap({ rank: 1 }, orgs, { a: { '1': 1 }, b: { '1': 1 } })).toMatchObject({ flagged: true, average: 1 });
    expect(goalOverlap({ rank: 1 }, orgs, { a: { '1': 2 }, b: { '1': 1 } })).toMatchObject({ flagged: false });
    expect(goalOverlap({ rank: 1 }, orgs, {})).toMatchObject({ flagged: false, average: null });
    expect(overlapWarning(goalOverlap({ rank: 1 }, orgs, { a: { '1': 0 }, b: { '1': 1 } }), (id) => id.toUpperCase())).toBe(
      'Low overlap: scored 0 by A; averages 0.5 (below 1.5)',
    );
  });

  it('lets each viewer fill only the rows it may score', () => {
    const rows = alignmentRows(['a', 'b'], [{ rank: 1 }, { rank: 2 }], { a: { '1': 3 } }, (id) => id === 'b');
    expect(rows).toEqual([
      { organizationId: 'a', scores: { '1': 3, '2': undefined }, editable: false },
      { organizationId: 'b', scores: { '1': undefined, '2': undefined }, editable: true },
    ]);
    expect(toScoreAlignmentCommand('b', { '1': 2, '2': '' })).toEqual({ type: 'ScoreAlignment', organizationId: 'b', scores: { '1': 2 } });
  });

  it('splits participants and concerns into lists', () => {
    expect(toListeningSessionCommand({ session: { heldOn: '2030-01-02', participants: 'Ward staff, drivers\nPharmacists', heard: ' Late ', concerns: 'staffing\n\n pay ' } })).toEqual({
      type: 'RecordListeningSession',
      session: { heldOn: '2030-01-02', participants: ['Ward staff', 'drivers', 'Pharmacists'], heard: 'Late', concerns: ['staffing', 'pay'] },
    });
  });
});

describe('missionChangedWarning', () => {
  it('names the version scored under and the one now', () => {
    const mission = { organizationId: 'a', version: 3, text: 'x', recordedAt: '2030-01-01T00:00:00.000Z', recordedBy: 'u', recordedByName: null };
    expect(missionChangedWarning({ mission, scoredUnder: 2 })).toBe('Mission changed since it scored: scored under version 2, now version 3. Its scores may need a second look.');
    expect(missionChangedWarning({ mission, scoredUnder: null })).toBe('Mission changed since it scored: scored before any mission was recorded, now version 3. Its scores may need a second look.');
  });
});
