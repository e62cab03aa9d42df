/**
 * Read-only list resources (organizations, users, events, notifications): the simple-REST list
 * and a get by id, each with the caller's scope applied.
 */
import { Controller, Get, Inject, Param, Query, Res, type Type } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { eventList, notificationList, organizationList, runList, userList, type ListSpec, type ScopeClause } from '@pe/persistence';
import { CurrentUser, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipIdScope } from '../auth/visibility.js';
import { notFoundError } from '../http/api-error.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { DATABASE } from '../tokens.js';

interface ReadOnlyResource {
  path: string;
  label: string;
  spec: ListSpec;
  idColumn: string;
  scope: (user: AuthenticatedUser) => ScopeClause[];
}

function readOnlyController(resource: ReadOnlyResource): Type<unknown> {
  @Controller(resource.path)
  class ReadOnlyController {
    constructor(@Inject(DATABASE) readonly db: DataSource) {}

    @Get()
    async list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
      return sendList(response, resource.path, await runList(this.db, resource.spec, parseListQuery(query), resource.scope(user)));
    }

    @Get(':id')
    async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
      // Ids are compared as text; one PostgreSQL cannot even hold cannot exist.
      if (id.includes('\u0000') || id.length > 200) throw notFoundError(resource.label);
      const scope: ScopeClause[] = [...resource.scope(user), (bind) => `${resource.idColumn} = ${bind(id)}`];
      const page = await runList(this.db, resource.spec, { range: [0, 0] }, scope);
      if (!page.rows[0]) throw notFoundError(resource.label);
      return page.rows[0];
    }
  }
  Object.defineProperty(ReadOnlyController, 'name', { value: `${resource.label.replace(/\s/g, '')}Controller` });
  return ReadOnlyController;
}

const everyone = (): ScopeClause[] => [];
/** Events belong to a partnership: the caller sees them if it sees the partnership. */
const eventScope = (user: AuthenticatedUser): ScopeClause[] => partnershipIdScope(user, 'e.partnership_id');

export const READ_ONLY_CONTROLLERS = [
  readOnlyController({ path: 'organizations', label: 'Organization', spec: organizationList, idColumn: 'o.id::text', scope: everyone }),
  readOnlyController({ path: 'users', label: 'User', spec: userList, idColumn: 'u.id::text', scope: everyone }),
  readOnlyController({
    path: 'events',
    label: 'Event',
    spec: eventList,
    idColumn: `e.partnership_id || ':' || e.sequence`,
    scope: eventScope,
  }),
  readOnlyController({
    path: 'notifications',
    label: 'Notification',
    spec: notificationList,
    idColumn: 'n.id::text',
    // Only what the person asked to see in the console (notification preferences).
    scope: (user) => [(bind) => `n.user_id = ${bind(user.id)}::uuid AND n.in_app`],
  }),
];
