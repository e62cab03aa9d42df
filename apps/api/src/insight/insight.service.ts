/**
 * What is derived from a partnership's log rather than stored: its state as of any point, the
 * computed measures, the pending timers (the deadline ledger), what changed between two points of the
 * log, what its timeline can be filtered by, and the proof that the log is whole.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  agreementHistory,
  alignmentMissions,
  deadlineFilterSchema,
  deadlineLedger,
  diffStates,
  eventsAsOf,
  eventsUpTo,
  fieldErrors,
  fold,
  measuresOf,
  type ActivePartnership,
  type DiffQuery,
  type LogPoint,
  type NamedStateDiff,
  type PartnershipState,
} from '@pe/domain';
import { eventFacets, listDeadlines, loadEvents, missionsOf, publishedKeys, userNames, type AuditKeys, type ListParams } from '@pe/persistence';
import type { AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipScope } from '../auth/visibility.js';
import { malformed, notFoundError } from '../http/api-error.js';
import { BEFORE_CREATION, logAsOf } from '../partnerships/as-of.js';
import { PartnershipsService } from '../partnerships/partnerships.service.js';
import { AUDIT_KEYS, DATABASE } from '../tokens.js';
import { ProofService } from './proof.service.js';

@Injectable()
export class InsightService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipsService) private readonly partnerships: PartnershipsService,
    @Inject(AUDIT_KEYS) private readonly auditKeys: AuditKeys,
    @Inject(ProofService) private readonly proof: ProofService,
  ) {}

  /** The decider's state folded from the log up to `at` (now when absent); before the first event, the absent state. */
  async stateAt(user: AuthenticatedUser, id: string, at?: LogPoint): Promise<PartnershipState> {
    return fold(await this.eventsAsOf(user, id, at));
  }

  /** The measures now, or as they read at `at` (the state then, measured at that moment). */
  async measures(user: AuthenticatedUser, id: string, at?: LogPoint) {
    if (at === undefined) return measuresOf(await this.active(user, id), new Date());
    await this.partnerships.get(user, id);
    const { events, instant } = await logAsOf(this.db, id, at);
    const state = fold(events);
    if (state.status !== 'active' || instant === null) throw malformed({ at: BEFORE_CREATION });
    return measuresOf(state, new Date(instant));
  }

  /** Every pending timer of one partnership: what it is for, whom it chases, when it fires. */
  async deadlines(user: AuthenticatedUser, id: string) {
    return deadlineLedger(await this.active(user, id));
  }

  /** The ledger across every partnership the caller may see (the same visibility as one partnership's). */
  ledger(user: AuthenticatedUser, params: ListParams) {
    const parsed = deadlineFilterSchema.safeParse(params.filter ?? {});
    if (!parsed.success) throw malformed(fieldErrors(parsed.error, 'filter'), 'The deadline filter is malformed');
    return listDeadlines(this.db, { ...params, filter: parsed.data }, partnershipScope(user, 'p.organization_ids'));
  }

  /** Every version of the partnering agreement, with who signed or refused it for which organization. */
  async agreements(user: AuthenticatedUser, id: string, at?: LogPoint) {
    return agreementHistory(await this.eventsAsOf(user, id, at));
  }

  /**
   * Each member organization's mission beside the goals it scored (now, or as of `at`: the missions
   * recorded by then and the matrix as it stood), and whether it changed after the organization scored.
   */
  async missions(user: AuthenticatedUser, id: string, at?: LogPoint) {
    await this.partnerships.get(user, id);
    const { events, instant } = at === undefined ? { events: await loadEvents(this.db, id), instant: null } : await logAsOf(this.db, id, at);
    const state = fold(events);
    if (state.status !== 'active') throw malformed({ at: BEFORE_CREATION });
    const versions = await missionsOf(this.db, state.organizationIds, instant === null ? undefined : new Date(instant));
    return alignmentMissions(state, events, versions);
  }

  /** The people who acted in the partnership's log and the event types it holds, with their counts. */
  async eventFacets(user: AuthenticatedUser, id: string) {
    await this.partnerships.get(user, id);
    return eventFacets(this.db, id);
  }

  /** What changed between two points of the log, each change with the events that made it and their actors' names. */
  async diff(user: AuthenticatedUser, id: string, { from, to }: DiffQuery): Promise<NamedStateDiff> {
    await this.partnerships.get(user, id);
    const events = await loadEvents(this.db, id);
    const now = new Date();
    for (const [field, point] of [['from', from], ['to', to]] as const) {
      const inLog = eventsAsOf(events, point, now);
      if ('problem' in inLog) throw malformed({ [field]: inLog.problem });
    }
    if (eventsUpTo(events, from) > eventsUpTo(events, to)) throw malformed({ from: 'must not come after `to`' });
    const diff = diffStates(events, from, to);
    const actorIds = [...new Set(diff.changes.flatMap((change) => change.causedBy.map((cause) => cause.actor.userId)))].filter((userId) => userId !== 'system');
    const names = actorIds.length > 0 ? await userNames(this.db, actorIds) : new Map<string, string>();
    return {
      ...diff,
      changes: diff.changes.map((change) => ({
        ...change,
        causedBy: change.causedBy.map((cause) => ({ ...cause, actorName: cause.actor.kind === 'system' ? null : (names.get(cause.actor.userId) ?? null) })),
      })),
    };
  }

  /** The log's own checks, the cross-check against Temporal and determinism, with one verdict (ProofService). */
  async verify(user: AuthenticatedUser, id: string) {
    await this.partnerships.get(user, id);
    return this.proof.verify(id);
  }

  /** What an auditor needs to check a checkpoint's signature without the API. */
  publicKey() {
    return publishedKeys(this.auditKeys);
  }

  /** The log of a partnership the caller may see, whole or up to `at`. */
  private async eventsAsOf(user: AuthenticatedUser, id: string, at: LogPoint | undefined) {
    await this.partnerships.get(user, id);
    return at === undefined ? loadEvents(this.db, id) : (await logAsOf(this.db, id, at)).events;
  }

  private async active(user: AuthenticatedUser, id: string): Promise<ActivePartnership> {
    const state = await this.stateAt(user, id);
    if (state.status !== 'active') throw notFoundError('Partnership');
    return state;
  }
}
