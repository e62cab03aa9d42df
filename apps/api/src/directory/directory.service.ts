/**
 * Administration of the directory: organizations and users are created, changed and deactivated,
 * never deleted, since past events name them. Only admins reach this service (the controllers say so).
 */
import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  ownAccountProblem,
  userChangeProblem,
  type CreateOrganizationInput,
  type CreateUserInput,
  type MissionVersion,
  type UpdateOrganizationInput,
  type UpdateUserInput,
  type UserChangeProblem,
} from '@pe/domain';
import {
  changeUserChecked,
  DuplicateError,
  findActiveOrganizationIds,
  findOrganizationIds,
  insertOrganization,
  insertUser,
  openPartnershipIdsOf,
  appendMission,
  missionHistory,
  organizationList,
  runList,
  setPasswordHash,
  updateOrganization,
  userList,
  type ListSpec,
} from '@pe/persistence';
import { actorOf, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { Passwords } from '../auth/passwords.js';
import { API_ERROR_CODES, ApiError, malformed, notFoundError } from '../http/api-error.js';
import { PartnershipGateway } from '../temporal/partnership-gateway.js';
import { DATABASE } from '../tokens.js';
import { calendarsOf, countryProblem } from './holidays.js';

/** A directory row as the lists show it (the user list has no password hash to leak). */
export type DirectoryRecord = Record<string, unknown> & { id: string };

const DUPLICATE = {
  email: { code: API_ERROR_CODES.emailTaken, message: 'Another user already has this email', field: 'email' },
  name: { code: API_ERROR_CODES.organizationNameTaken, message: 'Another organization already has this name', field: 'name' },
} as const;

/** What a country change did to the partnerships the organization is a member of. */
export interface CalendarRefresh {
  /** Partnerships whose histories now carry the new calendar. */
  refreshed: string[];
  /** Partnerships that could not be sent it now (Temporal or the worker down): the old calendar stays until the country is sent again, which retries them. */
  failed: string[];
}

@Injectable()
export class DirectoryService {
  private readonly logger = new Logger(DirectoryService.name);

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipGateway) private readonly gateway: PartnershipGateway,
    @Inject(Passwords) private readonly passwords: Passwords,
  ) {}

  async createOrganization(input: CreateOrganizationInput): Promise<DirectoryRecord> {
    checkCountry(input.country);
    const id = randomUUID();
    await conflictsAnswered(insertOrganization(this.db, { id, ...input }));
    return this.read(organizationList, 'Organization', id);
  }

  /**
   * Changes the fields sent. A country sent (changed or not) is sent on as holidays to every open
   * partnership the organization is a member of (SetHolidayCalendars), so its history says from when
   * its deadlines skip which days; a partnership already holding that calendar records nothing.
   */
  async updateOrganization(admin: AuthenticatedUser, id: string, changes: UpdateOrganizationInput): Promise<DirectoryRecord & { calendars?: CalendarRefresh }> {
    checkCountry(changes.country);
    if (!(await conflictsAnswered(updateOrganization(this.db, id, changes)))) throw notFoundError('Organization');
    const record = await this.read(organizationList, 'Organization', id);
    if (changes.country === undefined) return record;
    // Sent again, the same country retries the partnerships a refresh missed; those already holding it record nothing.
    return { ...record, calendars: await this.refreshCalendars(admin, id) };
  }

  private async refreshCalendars(admin: AuthenticatedUser, organizationId: string): Promise<CalendarRefresh> {
    const calendars = await calendarsOf(this.db, [organizationId], new Date(), { withNull: true });
    const refresh: CalendarRefresh = { refreshed: [], failed: [] };
    // All at once, so the request waits for one command's bound at most, not one per partnership.
    const partnershipIds = await openPartnershipIdsOf(this.db, organizationId);
    const sent = await Promise.allSettled(partnershipIds.map((partnershipId) => this.gateway.execute(partnershipId, { type: 'SetHolidayCalendars', calendars }, actorOf(admin))));
    sent.forEach((result, index) => {
      const partnershipId = partnershipIds[index]!;
      if (result.status === 'fulfilled') return void refresh.refreshed.push(partnershipId);
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      this.logger.warn(`the holiday calendar of ${organizationId} did not reach partnership ${partnershipId}: ${reason}`);
      refresh.failed.push(partnershipId);
    });
    return refresh;
  }

  /** Appends a version of the organization's mission; the earlier ones stay as they were. */
  async recordMission(admin: AuthenticatedUser, id: string, text: string): Promise<MissionVersion> {
    const version = await appendMission(this.db, id, text, admin.id);
    if (!version) throw notFoundError('Organization');
    return version;
  }

  /** Every version of the organization's mission, newest first (empty while none is recorded). */
  async missionHistory(id: string): Promise<MissionVersion[]> {
    const [versions, known] = await Promise.all([missionHistory(this.db, id), findOrganizationIds(this.db, [id])]);
    if (known.length === 0) throw notFoundError('Organization');
    return versions;
  }

  async createUser(input: CreateUserInput): Promise<DirectoryRecord> {
    if (input.organizationId) await this.requireActiveOrganization(input.organizationId);
    const id = randomUUID();
    const { password, ...user } = input;
    await conflictsAnswered(insertUser(this.db, { id, ...user, passwordHash: await this.passwords.hash(password) }));
    return this.read(userList, 'User', id);
  }

  async updateUser(admin: AuthenticatedUser, id: string, changes: UpdateUserInput): Promise<DirectoryRecord> {
    const own = ownAccountProblem(admin.id, id, changes);
    if (own) throw refusal(own);
    if (changes.organizationId) await this.requireActiveOrganization(changes.organizationId);
    const changed = await changeUserChecked(this.db, id, changes, (facts) => {
      const problem = userChangeProblem(changes, facts);
      if (problem) throw refusal(problem);
    });
    if (!changed) throw notFoundError('User');
    return this.read(userList, 'User', id);
  }

  async setPassword(id: string, password: string): Promise<void> {
    if (!(await setPasswordHash(this.db, id, await this.passwords.hash(password)))) throw notFoundError('User');
  }

  private async requireActiveOrganization(organizationId: string): Promise<void> {
    if ((await findActiveOrganizationIds(this.db, [organizationId])).length > 0) return;
    throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, API_ERROR_CODES.unknownOrganization, 'No such active organization', {
      organizationId: `unknown or deactivated organization ${organizationId}`,
    });
  }

  private async read(spec: ListSpec, what: string, id: string): Promise<DirectoryRecord> {
    const page = await runList<DirectoryRecord>(this.db, spec, { filter: { id } });
    if (!page.rows[0]) throw notFoundError(what);
    return page.rows[0];
  }
}

const REFUSAL_CODES = {
  own_account: API_ERROR_CODES.ownAccount,
  last_admin: API_ERROR_CODES.lastAdmin,
  still_responsible: API_ERROR_CODES.stillResponsible,
} as const;

/** The directory's rule, as the API answers it: a misfit role and organization is malformed input, the rest 422. */
function refusal(problem: UserChangeProblem): ApiError {
  if (problem.rule === 'organization') return malformed({ [problem.field]: problem.fieldMessage });
  return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, REFUSAL_CODES[problem.rule], problem.message, { [problem.field]: problem.fieldMessage });
}

/** A duplicate email or name is a 409 naming the field, so a form can show it in place. */
async function conflictsAnswered<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    const { code, message, field } = DUPLICATE[error.field];
    throw new ApiError(HttpStatus.CONFLICT, code, message, { [field]: message });
  }
}

/** The country must be one the holiday library knows, so its holidays can be computed (400 naming the field). */
function checkCountry(country: string | null | undefined): void {
  const problem = country ? countryProblem(country) : null;
  if (problem) throw malformed({ country: problem });
}
