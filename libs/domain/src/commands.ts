/** Every command the decider understands. Clients send the ones in schemas.ts; the workflow sends the rest. */
import type {
  CommittedResource,
  ConflictSeverity,
  Goal,
  Governance,
  Kpi,
  ManagementModel,
  Responsibility,
  Stakeholder,
  TerminationOption,
  ListeningSession,
} from './model.js';
import type { HolidayCalendar, HolidayCalendars } from './calendar.js';
import type { PartnershipPolicy } from './policy.js';
import type { TaskData } from './task-catalogue.js';
import type { TaskDecision } from './tasks.js';

export type PartnershipCommand =
  | {
      type: 'CreatePartnership';
      partnershipId: string;
      name: string;
      description: string;
      coordinatorId: string;
      sponsorId: string;
      steeringGroupIds: string[];
      organizationIds: string[];
      policy: PartnershipPolicy;
      /** The member organizations' public holidays, computed by the API (absent: weekends only). */
      holidayCalendars?: HolidayCalendars;
    }
  | { type: 'RecordGoals'; goals: Goal[]; scope: string }
  | { type: 'SubmitPriorities' }
  | { type: 'AddStakeholder'; stakeholder: Omit<Stakeholder, 'id'> }
  | { type: 'RecordListeningSession'; session: Omit<ListeningSession, 'id'> }
  | { type: 'ScoreAlignment'; organizationId: string; scores: Record<string, number> }
  | { type: 'OpenListeningSignoff' }
  | { type: 'DefineRoles'; roles: { organizationId: string; goalRank: number; responsibility: Responsibility }[] }
  | { type: 'CommitResources'; resources: CommittedResource[] }
  | { type: 'ChooseManagementModel'; model: ManagementModel }
  | { type: 'SetGovernance'; governance: Governance }
  | { type: 'SetConflictProcess'; process: string }
  | { type: 'SetTerminationTerms'; options: TerminationOption[]; noticePeriod: string }
  | { type: 'DefineKpi'; kpi: Omit<Kpi, 'id' | 'definedAt'> & { id?: string } }
  | { type: 'IssueAgreement' }
  | { type: 'ProposeTermination'; option: TerminationOption; reason: string }
  | { type: 'PutOnHold'; reason: string }
  | { type: 'Resume' }
  /** Once a management model is chosen, both propose the change to the partners (`reason` goes with the proposal). */
  | { type: 'AddOrganization'; organizationId: string; reason?: string; /** The joining organization's public holidays, computed by the API. */ holidayCalendar?: HolidayCalendar | null }
  | { type: 'RemoveOrganization'; organizationId: string; reassignTo?: string | null; reason?: string }
  | { type: 'MoveDueDate'; taskId: string; dueAt: string; reason?: string }
  /** `data` must fit the task's own kind (task-catalogue.ts); the decider checks it again, since a command may come from any client. */
  | { type: 'CompleteTask'; taskId: string; decision: TaskDecision; comment?: string | null; data?: TaskData }
  | { type: 'FireDueTimers' }
  /** Integrated partnerships: the coordinator ends the search for agreement in the open sign-off round; a majority decides. */
  | { type: 'CallVote' }
  | { type: 'RaiseConflict'; title: string; description: string; organizationIds: string[]; severity: ConflictSeverity }
  | { type: 'SetAgreementTerm'; term: { duration: string; remindBefore: string[] } | null }
  /** LISTENING or ROLE_IDENTIFICATION, when the alignment matrix flags a goal: the partners decide, under the model's rule, whether to go back to PRIORITY_SETTING. */
  | { type: 'ProposeRenegotiation'; reason: string }
  /** Sent by the API when an organization's country changes: its holidays from now on (null: weekends only). */
  | { type: 'SetHolidayCalendars'; calendars: HolidayCalendars };

export type PartnershipCommandType = PartnershipCommand['type'];
export type CommandOf<T extends PartnershipCommandType> = Extract<PartnershipCommand, { type: T }>;
