import { describe, expect, it } from 'vitest';
import { deadlineLedger } from './ledger.js';
import { initialState } from './partnership.js';
import { closedStory, DAY, EARLIER, IDS, inMeasurement, NAME, prioritiesDrafted } from './spec-helpers.js';

const submitted = () => prioritiesDrafted().do({ type: 'SubmitPriorities' });

describe('deadlineLedger', () => {
  it('lists each open task’s next reminder and escalation with whom they chase, earliest first', () => {
    const state = submitted().state;
    const task = state.openTasks[0]!;
    const ledger = deadlineLedger(state);
    expect(ledger).toEqual([
      {
        id: `${state.id}:reminder:${task.id}`,
        partnershipId: state.id,
        partnershipName: NAME,
        purpose: 'reminder',
        // Half the seven-day window after the submission.
        firesAt: new Date(EARLIER.getTime() + 3.5 * DAY).toISOString(),
        taskId: task.id,
        taskKind: 'APPROVE_PRIORITIES',
        taskTitle: task.title,
        assignee: { kind: 'user', userId: IDS.sponsor },
        assigneeUserId: IDS.sponsor,
        assigneeOrganizationId: null,
        dueAt: task.dueAt,
        level: null,
        reminder: 1,
        recipients: [{ userId: IDS.sponsor }],
      },
      expect.objectContaining({ purpose: 'escalation', taskId: task.id, level: 1, reminder: null, recipients: [{ userId: IDS.coordinator }] }),
    ]);
  });

  it('includes the review timer in measurement, which chases nobody', () => {
    const ledger = deadlineLedger(inMeasurement().state);
    const purposes = new Set(ledger.map((entry) => entry.purpose));
    expect(purposes).toContain('review');
    const review = ledger.find((entry) => entry.purpose === 'review')!;
    expect(review).toMatchObject({ taskId: null, assignee: null, recipients: [], level: null, reminder: null });
    expect(review.id).toBe(`${review.partnershipId}:review`);
  });

  it('is empty for an absent or closed partnership', () => {
    expect(deadlineLedger(initialState())).toEqual([]);
    expect(deadlineLedger(closedStory().state)).toEqual([]);
  });

  it('has unique ids', () => {
    const ledger = deadlineLedger(inMeasurement().state);
    expect(new Set(ledger.map((entry) => entry.id)).size).toBe(ledger.length);
  });
});
