/** Builders for the partnership slice, shared by integration, browser and bench code. */
import { DEFAULT_POLICY } from '@pe/domain';
import { listQuery, type Session } from './http.js';

/**
 * Second-scale timers so reminders and escalations happen while a test waits: reminders at 2 s and
 * 3 s, then every 2 s overdue; the escalation ladder at 6 s (coordinator), 8 s (sponsor), 10 s (steering group).
 */
export const FAST_POLICY = {
  taskDue: 'PT4S',
  reminderBeforeDue: 'PT1S',
  overdueReminderEvery: 'PT2S',
  escalateAfterOverdue: 'PT2S',
  healthPulse: 'P1D',
  reviewCycle: 'P2D',
};
/** The product's defaults: timers far enough away that they never fire during a test. */
export const SLOW_POLICY = { ...DEFAULT_POLICY };

export const nextYear = () => `${new Date().getUTCFullYear() + 1}-06-30`;

export const smartGoals = () => [
  { rank: 1, title: 'Cut emergency readmissions', metric: 'readmissions per 1,000 patients', baseline: 42, target: 30, dueDate: nextYear() },
  { rank: 2, title: 'Deliver medicine within a day', metric: 'share of deliveries under 24 h (%)', baseline: 55, target: 90, dueDate: nextYear() },
];

export async function directory(coordinator: Session) {
  const organizations = (await coordinator.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
  const sponsors = (await coordinator.get(`/api/users?${listQuery({ role: 'sponsor' })}`)).body as { id: string }[];
  const sponsor = sponsors[0];
  if (!sponsor || organizations.length < 2) throw new Error('the demo directory is missing');
  return { organizationIds: organizations.map((org) => org.id), sponsorId: sponsor.id };
}

export async function createPartnership(coordinator: Session, policy = SLOW_POLICY, name = `Health corridor ${Math.random().toString(36).slice(2, 8)}`) {
  const { organizationIds, sponsorId } = await directory(coordinator);
  const reply = await coordinator.post('/api/partnerships', { name, description: 'Hospitals and carriers', sponsorId, organizationIds: organizationIds.slice(0, 2), policy });
  if (reply.status !== 201) throw new Error(`create: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; stage: string; prioritiesStatus: string; version: number };
}

export async function submitGoals(coordinator: Session, partnershipId: string) {
  for (const command of [{ type: 'RecordGoals', goals: smartGoals(), scope: 'The three counties of the eastern region' }, { type: 'SubmitPriorities' }]) {
    const reply = await coordinator.post(`/api/partnerships/${partnershipId}/commands`, command);
    if (reply.status !== 200) throw new Error(`${command.type}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

export async function openTaskOf(sponsor: Session, partnershipId: string) {
  const tasks = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId })}`)).body as { id: string; kind: string }[];
  return tasks[0];
}
