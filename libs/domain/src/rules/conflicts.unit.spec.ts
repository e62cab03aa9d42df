import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import { taskContext } from '../task-context.js';
import { completeTask, given, IDS, inMeasurement, inRoles, NAME, partnerA, partnerB, partnerC, sponsor, type Story } from '../spec-helpers.js';

const raise = (over: Partial<Extract<PartnershipCommand, { type: 'RaiseConflict' }>> = {}): PartnershipCommand => ({
  type: 'RaiseConflict',
  title: 'Who pays for the vans',
  description: 'Northwind expected Riverside to cover fuel',
  organizationIds: [IDS.orgB, IDS.orgA],
  severity: 'medium',
  ...over,
});
const step = (s: Story, outcome: 'resolved' | 'next_step', note: string) => completeTask(s.state.openTasks.find((task) => task.kind === 'RESOLVE_CONFLICT')!.id, 'approve', { data: { outcome, note } });
const stepTask = (s: Story) => s.state.openTasks.find((task) => task.kind === 'RESOLVE_CONFLICT');

describe('the conflict register', () => {
  it('a partner raises a conflict; the first step is a task for the first organization concerned, through its point of contact', () => {
    const s = inMeasurement().do(raise(), { actor: partnerA });
    expect(s.state.conflicts).toMatchObject([{ title: 'Who pays for the vans', organizationIds: [IDS.orgB, IDS.orgA], severity: 'medium', raisedBy: IDS.partnerA, step: 'direct_discussion', status: 'open' }]);
    expect(stepTask(s)).toMatchObject({
      title: `Resolve the conflict “Who pays for the vans” (direct discussion): ${NAME}`,
      assignee: { kind: 'organization', organizationId: IDS.orgB, contactId: IDS.partnerB },
      detail: s.state.conflicts[0]!.id,
    });
  });

  it('passes up the process with a note: coordinator mediation, then the steering group (the sponsor), who resolves it', () => {
    const s = inMeasurement().do(raise(), { actor: sponsor });
    s.do(step(s, 'next_step', 'We could not agree'), { actor: partnerB });
    expect(s.state.conflicts[0]).toMatchObject({ step: 'coordinator_mediation', steps: [{ step: 'direct_discussion', note: 'We could not agree', by: IDS.partnerB }] });
    expect(stepTask(s)?.assignee).toEqual({ kind: 'user', userId: IDS.coordinator });
    s.do(step(s, 'next_step', 'Needs a budget decision'));
    expect(stepTask(s)?.assignee).toEqual({ kind: 'user', userId: IDS.sponsor });
    given(s).when(step(s, 'next_step', 'No'), { actor: sponsor }).thenThrows(ERROR_CODES.invalidTaskData, { kind: 'rule', fieldKeys: ['data.outcome'] });
    s.do(step(s, 'resolved', 'Fuel split 50/50 from the next quarter'), { actor: sponsor });
    expect(s.state.conflicts[0]).toMatchObject({ status: 'resolved', resolution: 'Fuel split 50/50 from the next quarter', step: 'steering_group' });
    expect(stepTask(s)).toBeUndefined();
  });

  it('is in view of the review while open', () => {
    const s = inMeasurement().do(raise(), { actor: partnerA });
    const review = { id: 'p-1.x', kind: 'REVIEW' as const, title: 'Review', assignee: { kind: 'user' as const, userId: IDS.coordinator }, openedAt: '', dueAt: '', cycle: 1, purpose: null, detail: null, remindersSent: 0, escalationLevel: 0 };
    const context = taskContext(s.state, review, new Date());
    expect(context.kind === 'review' && context.openConflicts.map((conflict) => conflict.title)).toEqual(['Who pays for the vans']);
  });

  it('is raised by participants only, between member organizations, about something', () => {
    given(inRoles()).when(raise(), { actor: partnerC }).events();
    given(inRoles().do({ type: 'RemoveOrganization', organizationId: IDS.orgC })).when(raise(), { actor: partnerC }).thenThrows(ERROR_CODES.notParticipant, { kind: 'forbidden' });
    given(inRoles()).when(raise({ organizationIds: [IDS.orgD] })).thenThrows(ERROR_CODES.invalidConflict, { kind: 'rule', fieldKeys: ['organizationIds.0'] });
    given(inRoles()).when(raise({ title: ' ', organizationIds: [] })).thenThrows(ERROR_CODES.invalidConflict, { kind: 'rule', fieldKeys: ['title', 'organizationIds'] });
  });
});
