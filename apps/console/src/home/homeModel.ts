/**
 * What each role's home page shows, and the small sums behind it. The sections are chosen here,
 * by role, so the page component only lays them out.
 */
import { STAGES, type Role, type Stage } from '@pe/domain';
import { isOverdue } from '../tasks/taskModel';

export const HOME_SECTIONS = ['stages', 'myTasks', 'overdue', 'deadlines', 'escalations', 'activity'] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

const SECTIONS_BY_ROLE: Record<Role, readonly HomeSection[]> = {
  coordinator: ['stages', 'overdue', 'deadlines', 'escalations', 'myTasks'],
  sponsor: ['myTasks', 'escalations', 'stages'],
  partner: ['myTasks', 'deadlines'],
  auditor: ['activity', 'stages'],
  admin: ['stages', 'deadlines', 'activity'],
};

export function homeSectionsFor(role: Role | undefined): readonly HomeSection[] {
  return role ? SECTIONS_BY_ROLE[role] : [];
}

/** The heading of the person's own tasks: what they mean for that role. */
export function myTasksTitle(role: Role | undefined): string {
  if (role === 'sponsor') return 'Approvals waiting for you';
  if (role === 'partner') return 'Your organization’s tasks';
  return 'Your tasks';
}

export const HOME_GREETING: Record<Role, string> = {
  coordinator: 'Where your partnerships stand, what is late and what is due next.',
  sponsor: 'What waits for your approval and what has been escalated to you.',
  partner: 'What your organization is asked to do, and by when.',
  auditor: 'What happened recently, across every partnership.',
  admin: 'The partnerships, their timers and the latest activity.',
};

/** Every stage with its count, in the method's order (stages without partnerships count 0). */
export function countByStage(partnerships: readonly { stage: string }[]): { stage: Stage; count: number }[] {
  return STAGES.map((stage) => ({ stage, count: partnerships.filter((partnership) => partnership.stage === stage).length }));
}

/** Open tasks past their due date, the longest overdue first. */
export function overdueTasks<T extends { status: string; dueAt: string }>(tasks: readonly T[], now: Date): T[] {
  return tasks.filter((task) => isOverdue(task, now)).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
