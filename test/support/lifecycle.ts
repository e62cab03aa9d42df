/**
 * Builders that drive a partnership through the stages of the method over HTTP, as the demo users.
 * Every command and task completion they send is written to the cast's journal (who sent it, which
 * event sequences it caused), so a test can check each event's actor against the real sender.
 *
 * Only Riverside Health Trust and Northwind Foundation have a partner representative; Eastvale
 * Logistics has none, so a partnership that must pass a sign-off of every organization is created
 * with the first two, and Eastvale joins later where a test needs a third organization.
 */
import { DEMO, listQuery, login, type Session } from './http.js';
import { SLOW_POLICY, smartGoals } from './partnerships.js';

export const ORGANIZATION_NAMES = {
  riverside: 'Riverside Health Trust',
  northwind: 'Northwind Foundation',
  eastvale: 'Eastvale Logistics',
} as const;
export type OrganizationKey = keyof typeof ORGANIZATION_NAMES;

export type ManagementModel = 'cooperative' | 'collaborative' | 'integrated';
export type TerminationOption = 'renew' | 'restructure' | 'hand_over' | 'exit';
export type Policy = typeof SLOW_POLICY;

export interface JournalEntry {
  userId: string;
  what: string;
  sequences: number[];
}

export interface Cast {
  coordinator: Session;
  sponsor: Session;
  riverside: Session;
  northwind: Session;
  /** Organization ids, looked up by name. */
  orgs: Record<OrganizationKey, string>;
  /** Each successful call the builders made: who sent it and the sequences of the events it caused. */
  journal: JournalEntry[];
}

export interface Task {
  id: string;
  kind: string;
  status: string;
  partnershipId: string;
  assigneeUserId: string | null;
  assigneeOrganizationId: string | null;
  openedAt: string;
  dueAt: string;
  purpose: 'joining' | 'pulse' | 'kpi_report' | null;
  detail: string | null;
  cancelReason: string | null;
  completedBy: string | null;
  decision: string | null;
  /** While open: what the task's form shows (the catalogue's context of its kind). */
  context?: Record<string, unknown> | null;
}

export interface TimelineEvent {
  sequence: number;
  type: string;
  actorId: string;
  actorRole: string;
  actorOrganizationId: string | null;
  occurredAt: string;
  payload: Record<string, any>;
  workflowRunId: string;
}

interface CommandReply {
  version: number;
  events: { sequence: number; type: string }[];
}

export async function castOf(): Promise<Cast> {
  const [coordinator, sponsor, riverside, northwind] = await Promise.all([
    login(DEMO.coordinator),
    login(DEMO.sponsor),
    login(DEMO.partnerRiverside),
    login(DEMO.partnerNorthwind),
  ]);
  const organizations = (await coordinator.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
  const idOf = (name: string) => {
    const found = organizations.find((org) => org.name === name);
    if (!found) throw new Error(`the demo organization "${name}" is missing`);
    return found.id;
  };
  const orgs = {
    riverside: idOf(ORGANIZATION_NAMES.riverside),
    northwind: idOf(ORGANIZATION_NAMES.northwind),
    eastvale: idOf(ORGANIZATION_NAMES.eastvale),
  };
  return { coordinator, sponsor, riverside, northwind, orgs, journal: [] };
}

/** The partner session that speaks for an organization, if it has a representative. */
export function representativeOf(cast: Cast, organizationId: string): Session | undefined {
  return [cast.riverside, cast.northwind].find((session) => session.user.organizationId === organizationId);
}

/** Sends a command; anything but 200 throws with the answer. */
export async function send(cast: Cast, session: Session, partnershipId: string, command: { type: string; [key: string]: unknown }): Promise<CommandReply> {
  const reply = await session.post(`/api/partnerships/${partnershipId}/commands`, command);
  if (reply.status !== 200) throw new Error(`${command.type} by ${session.user.email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  record(cast, session, command.type, reply.body as CommandReply);
  return reply.body as CommandReply;
}

export interface Completion {
  decision?: 'approve' | 'reject';
  comment?: string;
  data?: Record<string, unknown>;
}

export async function complete(cast: Cast, session: Session, task: Pick<Task, 'id' | 'kind'>, completion: Completion = {}): Promise<CommandReply> {
  const reply = await session.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', ...completion });
  if (reply.status !== 200) throw new Error(`complete ${task.kind} ${task.id} by ${session.user.email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  record(cast, session, `${task.kind}:${completion.decision ?? 'approve'}`, reply.body as CommandReply);
  return reply.body as CommandReply;
}

function record(cast: Cast, session: Session, what: string, reply: CommandReply): void {
  cast.journal.push({ userId: session.user.id, what, sequences: reply.events.map((event) => event.sequence) });
}

/** The caller's open tasks in one partnership (a partner's include its organization's). */
export async function openTasks(session: Session, partnershipId: string, kind?: string): Promise<Task[]> {
  const filter = { mine: true, status: 'open', partnershipId, ...(kind ? { kind } : {}) };
  const reply = await session.get(`/api/tasks?${listQuery(filter, ['id', 'ASC'])}`);
  if (reply.status !== 200) throw new Error(`tasks of ${session.user.email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Task[];
}

/** Every task of a partnership, whatever its status (as the coordinator sees them). */
export async function allTasks(cast: Cast, partnershipId: string, kind?: string): Promise<Task[]> {
  return (await cast.coordinator.get(`/api/tasks?${listQuery({ partnershipId, ...(kind ? { kind } : {}) }, ['id', 'ASC'], [0, 499])}`)).body as Task[];
}

/** Completes every open task of `kind` in the caller's inbox for this partnership; returns them. */
export async function completeOpenTasks(cast: Cast, session: Session, partnershipId: string, kind?: string, completion: Completion = {}): Promise<Task[]> {
  const tasks = await openTasks(session, partnershipId, kind);
  for (const task of tasks) await complete(cast, session, task, completion);
  return tasks;
}

export async function partnershipOf(cast: Cast, partnershipId: string): Promise<Record<string, any>> {
  const reply = await cast.coordinator.get(`/api/partnerships/${partnershipId}`);
  if (reply.status !== 200) throw new Error(`partnership ${partnershipId}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export const stageOf = async (cast: Cast, partnershipId: string): Promise<string> => (await partnershipOf(cast, partnershipId)).stage;

/** The partnership's events in sequence order, as the timeline API serves them. */
export async function timeline(cast: Cast, partnershipId: string): Promise<TimelineEvent[]> {
  return (await cast.coordinator.get(`/api/events?${listQuery({ partnershipId }, ['sequence', 'ASC'], [0, 499])}`)).body as TimelineEvent[];
}

export interface Started {
  id: string;
  organizationIds: string[];
}

/** Creates a partnership of Riverside and Northwind (or `members`) and carries it to LISTENING. */
export async function toListening(cast: Cast, policy: Policy = SLOW_POLICY, members: OrganizationKey[] = ['riverside', 'northwind']): Promise<Started> {
  const organizationIds = members.map((key) => cast.orgs[key]);
  const created = await cast.coordinator.post('/api/partnerships', {
    name: `Lifecycle ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Hospitals, a foundation and carriers',
    sponsorId: cast.sponsor.user.id,
    organizationIds,
    policy,
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  cast.journal.push({ userId: cast.coordinator.user.id, what: 'create', sequences: [1] });
  await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: smartGoals(), scope: 'The three counties of the eastern region' });
  await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
  const approvals = await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_PRIORITIES');
  if (approvals.length !== 1) throw new Error(`expected one APPROVE_PRIORITIES task, found ${approvals.length}`);
  return { id, organizationIds };
}

/** Records the listening stage and has every organization's representative confirm it. */
export async function completeListening(cast: Cast, partnership: Started): Promise<void> {
  const { id, organizationIds } = partnership;
  await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'County patients’ council', organizationId: null, interest: 5, influence: 3 } });
  await send(cast, cast.coordinator, id, {
    type: 'RecordListeningSession',
    session: { heldOn: new Date().toISOString().slice(0, 10), participants: ['ward managers', 'drivers'], heard: 'Night deliveries miss the pharmacy', concerns: ['staffing'] },
  });
  for (const organizationId of organizationIds) {
    await send(cast, cast.coordinator, id, { type: 'ScoreAlignment', organizationId, scores: { '1': 3, '2': 2 } });
  }
  await send(cast, cast.coordinator, id, { type: 'OpenListeningSignoff' });
  for (const organizationId of organizationIds) {
    const representative = representativeOf(cast, organizationId);
    if (!representative) throw new Error(`organization ${organizationId} has no representative to confirm listening`);
    const confirmed = await completeOpenTasks(cast, representative, id, 'CONFIRM_LISTENING');
    if (confirmed.length !== 1) throw new Error(`expected one CONFIRM_LISTENING task for ${organizationId}, found ${confirmed.length}`);
  }
}

export async function toRoleIdentification(cast: Cast, policy: Policy = SLOW_POLICY): Promise<Started> {
  const partnership = await toListening(cast, policy);
  await completeListening(cast, partnership);
  return partnership;
}

/**
 * Records everything the agreement needs: roles (goal 1 accountable to the first holder, goal 2 to
 * the last, the others responsible or consulted), resources, the model, governance, the conflict
 * process, all four termination options, and one KPI per role holder.
 */
export async function agreeRoles(
  cast: Cast,
  id: string,
  model: ManagementModel,
  holders: string[] = [cast.orgs.riverside, cast.orgs.northwind],
  terms: { noticePeriod?: string; escalationSteps?: string[]; communicationPlan?: { cadence: string; channel: string; organizationIds: string[] } } = {},
): Promise<void> {
  const first = holders[0]!;
  const last = holders.at(-1)!;
  const roles = holders.flatMap((organizationId) => [
    { organizationId, goalRank: 1, responsibility: organizationId === first ? 'accountable' : 'responsible' },
    { organizationId, goalRank: 2, responsibility: organizationId === last ? 'accountable' : 'consulted' },
  ]);
  await send(cast, cast.coordinator, id, { type: 'DefineRoles', roles });
  await send(cast, cast.coordinator, id, {
    type: 'CommitResources',
    resources: holders.map((organizationId) => ({ organizationId, description: 'Two coordinators, part time', amount: 2, unit: 'FTE' })),
  });
  await send(cast, cast.coordinator, id, { type: 'ChooseManagementModel', model });
  const pointsOfContact = Object.fromEntries(holders.flatMap((organizationId) => {
    const representative = representativeOf(cast, organizationId);
    return representative ? [[organizationId, representative.user.id]] : [];
  }));
  await send(cast, cast.coordinator, id, {
    type: 'SetGovernance',
    governance: {
      pointsOfContact,
      decisionRule: 'Steering meeting, monthly',
      escalationPath: terms.escalationSteps ? 'Along the agreed path of people' : 'Coordinator, then the sponsor',
      ...(terms.escalationSteps ? { escalationSteps: terms.escalationSteps } : {}),
      ...(terms.communicationPlan ? { communicationPlan: terms.communicationPlan } : {}),
    },
  });
  await send(cast, cast.coordinator, id, { type: 'SetConflictProcess', process: 'Mediation by the sponsor within two weeks' });
  await send(cast, cast.coordinator, id, { type: 'SetTerminationTerms', options: ['renew', 'restructure', 'hand_over', 'exit'], noticePeriod: terms.noticePeriod ?? 'P3M' });
  for (const organizationId of holders) {
    await send(cast, cast.coordinator, id, {
      type: 'DefineKpi',
      kpi: { name: `Deliveries on time (${organizationId.slice(-4)})`, ownerOrganizationId: organizationId, unit: '%', baseline: 55, target: 90, direction: 'increase', cadence: 'P1M', goalRank: 2 },
    });
  }
}

/** Issues the agreement and has every representative sign what is open to it. */
export async function toMeasurement(cast: Cast, id: string): Promise<void> {
  await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
  for (const representative of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, representative, id, 'SIGN_AGREEMENT');
}

/**
 * The coordinator proposes `option`, the sponsor approves it and, unless `sign` is false, every
 * representative signs the termination off.
 */
export async function proposeAndApproveTermination(cast: Cast, id: string, option: TerminationOption, { sign = true } = {}): Promise<void> {
  await send(cast, cast.coordinator, id, { type: 'ProposeTermination', option, reason: `Time to ${option.replace('_', ' ')}` });
  const approvals = await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_TERMINATION');
  if (approvals.length !== 1) throw new Error(`expected one APPROVE_TERMINATION task, found ${approvals.length}`);
  if (!sign) return;
  for (const representative of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, representative, id, 'SIGN_TERMINATION');
}
