/**
 * What is derived from a partnership's log rather than stored: its state as of any instant, the
 * computed measures, the pending timers (the deadline ledger) and the hash chain's verification.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  agreementHistory,
  deadlines,
  fold,
  goalAttainmentTScore,
  healthGap,
  kpiStatuses,
  onTimeRate,
  partnerNps,
  shareOnTrack,
  type ActivePartnership,
  type PartnershipState,
} from '@pe/domain';
import { loadEvents, verifyChain } from '@pe/persistence';
import type { AuthenticatedUser } from '../auth/auth.decorators.js';
import { malformed, notFoundError } from '../http/api-error.js';
import { PartnershipsService } from '../partnerships/partnerships.service.js';
import { DATABASE } from '../tokens.js';

@Injectable()
export class InsightService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipsService) private readonly partnerships: PartnershipsService,
  ) {}

  /** The decider's state folded from the log up to `at` (now when absent). */
  async stateAt(user: AuthenticatedUser, id: string, at?: string): Promise<PartnershipState> {
    await this.partnerships.get(user, id);
    let until: Date | undefined;
    if (at !== undefined) {
      until = new Date(at);
      if (Number.isNaN(until.getTime())) throw malformed({ at: 'must be an ISO-8601 instant such as 2026-11-23T10:00:00Z' });
    }
    return fold(await loadEvents(this.db, id, until));
  }

  async measures(user: AuthenticatedUser, id: string) {
    const state = await this.active(user, id);
    const now = new Date();
    const statuses = kpiStatuses(state, now);
    const latestScores = state.goalAttainment.at(-1);
    return {
      cycle: state.cycle,
      kpis: statuses,
      shareOnTrack: shareOnTrack(statuses),
      onTimeSubmissionRate: onTimeRate(state.measurements),
      healthGap: healthGap(state.healthChecks, state.cycle),
      partnerNps: partnerNps(state.healthChecks.filter((check) => check.cycle === state.cycle)),
      goalAttainmentTScore: latestScores ? goalAttainmentTScore(Object.values(latestScores.scores).map((score) => ({ score }))) : null,
    };
  }

  /** Every pending timer: what it is for, whom it chases, when it fires. */
  async deadlines(user: AuthenticatedUser, id: string) {
    const state = await this.active(user, id);
    return deadlines(state).map((deadline) => {
      const task = 'taskId' in deadline ? state.openTasks.find((candidate) => candidate.id === deadline.taskId) : undefined;
      return {
        purpose: deadline.purpose,
        firesAt: new Date(deadline.at).toISOString(),
        ...(task ? { taskId: task.id, taskTitle: task.title, assignee: task.assignee, dueAt: task.dueAt } : {}),
        ...('level' in deadline ? { level: deadline.level } : {}),
        ...('reminder' in deadline ? { reminder: deadline.reminder } : {}),
      };
    });
  }

  /** Every version of the partnering agreement, with who signed or refused it for which organization. */
  async agreements(user: AuthenticatedUser, id: string) {
    await this.partnerships.get(user, id);
    return agreementHistory(await loadEvents(this.db, id));
  }

  async verify(user: AuthenticatedUser, id: string) {
    await this.partnerships.get(user, id);
    return verifyChain(this.db, id);
  }

  private async active(user: AuthenticatedUser, id: string): Promise<ActivePartnership> {
    const state = await this.stateAt(user, id);
    if (state.status !== 'active') throw notFoundError('Partnership');
    return state;
  }
}
