import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  DomainError,
  decide,
  fold,
  initialState,
  partnershipRecord,
  upgradeState,
  type ActivePartnership,
  type ClientCommand,
  type CreatePartnershipInput,
  type LogPoint,
  type PartnershipCommand,
  type PartnershipRecord,
} from '@pe/domain';
import { findActiveOrganizationIds, findActiveUsersByIds, findFirst, findUserIdsByRole, partnershipList, partnershipState, runList, type ListParams } from '@pe/persistence';
import type { CommandResult } from '@pe/workflows';
import { actorOf, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipScope } from '../auth/visibility.js';
import { forbiddenError, malformed, notFoundError } from '../http/api-error.js';
import { PartnershipGateway } from '../temporal/partnership-gateway.js';
import { DATABASE } from '../tokens.js';
import { calendarsOf } from '../directory/holidays.js';
import { BEFORE_CREATION, logAsOf } from './as-of.js';

/** A row of the list: the summary columns only (the record's detail is for one partnership's page). */
export type PartnershipSummary = Record<string, unknown> & { id: string };

@Injectable()
export class PartnershipsService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipGateway) private readonly gateway: PartnershipGateway,
  ) {}

  list(user: AuthenticatedUser, params: ListParams) {
    return runList<PartnershipSummary>(this.db, partnershipList, params, partnershipScope(user, 'p.organization_ids'));
  }

  /** The partnership's record now, or as of a point of its log: the same mapping from the decider's state either way. */
  async get(user: AuthenticatedUser, id: string, at?: LogPoint): Promise<PartnershipRecord> {
    const record = await this.find(user, id);
    if (!record) throw notFoundError('Partnership');
    if (at === undefined) return record;
    const state = fold((await logAsOf(this.db, id, at)).events);
    if (state.status !== 'active') throw malformed({ at: BEFORE_CREATION });
    return partnershipRecord(state);
  }

  private async find(user: AuthenticatedUser, id: string): Promise<PartnershipRecord | null> {
    const row = await findFirst<{ id: string; state: ActivePartnership }>(this.db, partnershipState, { id }, partnershipScope(user, 'p.organization_ids'));
    // A row written by older code holds an older shape of the state.
    return row ? partnershipRecord(upgradeState(row.state)) : null;
  }

  async create(user: AuthenticatedUser, input: CreatePartnershipInput, idempotencyKey?: string): Promise<PartnershipRecord> {
    const actor = actorOf(user);
    const partnershipId = idempotencyKey ? idFromKey(user.id, idempotencyKey) : randomUUID();
    const coordinatorId = input.coordinatorId ?? user.id;
    // Independent reads, so they wait on the database together rather than one after another.
    const [steeringGroupIds, earlier, referenceProblems, holidayCalendars] = await Promise.all([
      findUserIdsByRole(this.db, 'sponsor'),
      idempotencyKey ? this.find(user, partnershipId) : Promise.resolve(null),
      this.referenceProblems(input.sponsorId, coordinatorId, input.organizationIds),
      calendarsOf(this.db, input.organizationIds, new Date()),
    ]);
    const command: PartnershipCommand = {
      type: 'CreatePartnership',
      partnershipId,
      name: input.name,
      description: input.description,
      coordinatorId,
      sponsorId: input.sponsorId,
      steeringGroupIds,
      organizationIds: input.organizationIds,
      policy: input.policy,
      // The members' public holidays, recorded in the history (none with a country: left out, as before calendars).
      ...(Object.keys(holidayCalendars).length > 0 ? { holidayCalendars } : {}),
    };
    if (!earlier) {
      if (Object.keys(referenceProblems).length > 0) {
        throw new DomainError('rule', 'PARTNERSHIP.UNKNOWN_REFERENCE', 'The partnership refers to people or organizations that do not fit', referenceProblems);
      }
      decide(initialState(), command, { now: new Date(), actor });
      await this.gateway.create(command, actor);
    }
    const record = earlier ?? (await this.get(user, command.partnershipId));
    if (idempotencyKey && !sameDefinition(record, command)) {
      throw new DomainError('rule', 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key already created a different partnership; use a new key');
    }
    return record;
  }

  async command(user: AuthenticatedUser, id: string, command: ClientCommand, idempotencyKey?: string): Promise<CommandResult> {
    // The decider checks again who may do what; these two roles reach the commands endpoint for a few commands only.
    if (user.role === 'partner' && command.type !== 'RaiseConflict' && !(command.type === 'ScoreAlignment' && command.organizationId === user.organizationId)) {
      throw forbiddenError('A partner representative scores alignment for its own organization and raises conflicts; the rest is the coordinator’s');
    }
    if (user.role === 'sponsor' && command.type !== 'RaiseConflict') {
      throw forbiddenError('A sponsor decides through tasks and raises conflicts; the rest is the coordinator’s');
    }
    await this.get(user, id);
    await this.checkMembershipReferences(command);
    return this.gateway.execute(id, await this.withCalendar(command), actorOf(user), idempotencyKey);
  }


  /**
   * An organization asked to join brings its public holidays, computed here and recorded with the
   * proposal; null when it has no country, so a calendar kept from an earlier membership is cleared.
   */
  private async withCalendar(command: ClientCommand): Promise<PartnershipCommand> {
    if (command.type !== 'AddOrganization') return command;
    const calendar = (await calendarsOf(this.db, [command.organizationId], new Date(), { withNull: true }))[command.organizationId];
    return { ...command, holidayCalendar: calendar ?? null };
  }

  /** An organization joining, or taking over a leaver's roles, must exist and be active. */
  private async checkMembershipReferences(command: ClientCommand): Promise<void> {
    const referenced =
      command.type === 'AddOrganization'
        ? { field: 'organizationId', id: command.organizationId }
        : command.type === 'RemoveOrganization' && command.reassignTo
          ? { field: 'reassignTo', id: command.reassignTo }
          : null;
    if (!referenced || (await findActiveOrganizationIds(this.db, [referenced.id])).length > 0) return;
    throw new DomainError('rule', 'MEMBERSHIP.INVALID', 'No such organization', { [referenced.field]: `unknown or deactivated organization ${referenced.id}` });
  }

  /** What is wrong with the people and organizations a new partnership names, by field (none: empty). */
  private async referenceProblems(sponsorId: string, coordinatorId: string, organizationIds: readonly string[]): Promise<Record<string, string>> {
    const fields: Record<string, string> = {};
    const [people, activeOrganizations] = await Promise.all([
      findActiveUsersByIds(this.db, [sponsorId, coordinatorId]),
      findActiveOrganizationIds(this.db, [...organizationIds]),
    ]);
    const sponsor = people.find((person) => person.id === sponsorId);
    const coordinator = people.find((person) => person.id === coordinatorId);
    if (sponsor?.role !== 'sponsor') fields.sponsorId = 'must be the id of an active user with the sponsor role';
    if (coordinator?.role !== 'coordinator') fields.coordinatorId = 'must be the id of an active user with the coordinator role';
    const known = new Set(activeOrganizations);
    const unknown = organizationIds.filter((id) => !known.has(id));
    if (unknown.length > 0) fields.organizationIds = `unknown or deactivated organizations: ${unknown.join(', ')}`;
    return fields;
  }

}

function sameDefinition(record: PartnershipRecord, command: Extract<PartnershipCommand, { type: 'CreatePartnership' }>): boolean {
  const sorted = (ids: readonly string[]) => [...ids].sort().join();
  return record.name === command.name && record.sponsorId === command.sponsorId && sorted(record.organizationIds) === sorted(command.organizationIds);
}

/** The same key from the same user always names the same partnership, so a retried create is one create. */
function idFromKey(userId: string, key: string): string {
  const hex = createHash('sha256').update(`${userId}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
