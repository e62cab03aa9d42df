/**
 * The admin's write side of the directory, in react-admin's simple REST dialect: POST creates, PUT
 * changes the fields sent (PUT {"active": false} deactivates, {"active": true} reactivates; there is
 * no DELETE, since past events keep naming the record). Lists and reads stay in read-only.controller.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import {
  createOrganizationSchema,
  createUserSchema,
  recordMissionSchema,
  setPasswordSchema,
  updateOrganizationSchema,
  updateUserSchema,
  type CreateOrganizationInput,
  type CreateUserInput,
  type RecordMissionInput,
  type SetPasswordInput,
  type UpdateOrganizationInput,
  type UpdateUserInput,
} from '@pe/domain';
import { CurrentUser, Roles, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { UuidParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { DirectoryService } from './directory.service.js';
import { knownCountries } from './holidays.js';

@Controller('organizations')
@Roles('admin')
export class OrganizationsAdminController {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Post()
  create(@Body(validated(createOrganizationSchema)) body: CreateOrganizationInput) {
    return this.directory.createOrganization(body);
  }

  @Put(':id')
  update(@CurrentUser() admin: AuthenticatedUser, @Param('id', new UuidParam('Organization')) id: string, @Body(validated(updateOrganizationSchema)) body: UpdateOrganizationInput) {
    return this.directory.updateOrganization(admin, id, body);
  }
}

/**
 * An organization's mission, versioned: anyone signed in reads its history (partners and coordinators
 * see it beside the alignment matrix); admins, who edit organizations, record a new version.
 */
@Controller('organizations/:id/missions')
export class OrganizationMissionsController {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Get()
  history(@Param('id', new UuidParam('Organization')) id: string) {
    return this.directory.missionHistory(id);
  }

  @Post()
  @Roles('admin')
  record(@CurrentUser() admin: AuthenticatedUser, @Param('id', new UuidParam('Organization')) id: string, @Body(validated(recordMissionSchema)) body: RecordMissionInput) {
    return this.directory.recordMission(admin, id, body.text);
  }
}

/** The countries an organization may have: those whose public holidays the API can compute. Any signed-in role. */
@Controller('countries')
export class CountriesController {
  @Get()
  list() {
    return Object.entries(knownCountries()).map(([id, name]) => ({ id, name }));
  }
}

@Controller('users')
@Roles('admin')
export class UsersAdminController {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Post()
  create(@Body(validated(createUserSchema)) body: CreateUserInput) {
    return this.directory.createUser(body);
  }

  @Put(':id')
  update(@CurrentUser() admin: AuthenticatedUser, @Param('id', new UuidParam('User')) id: string, @Body(validated(updateUserSchema)) body: UpdateUserInput) {
    return this.directory.updateUser(admin, id, body);
  }

  @Put(':id/password')
  @HttpCode(204)
  async setPassword(@Param('id', new UuidParam('User')) id: string, @Body(validated(setPasswordSchema)) body: SetPasswordInput): Promise<void> {
    await this.directory.setPassword(id, body.password);
  }
}
