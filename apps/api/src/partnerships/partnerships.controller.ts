import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { asOfQuerySchema, clientCommandSchema, createPartnershipSchema, type AsOfQuery, type ClientCommand, type CreatePartnershipInput } from '@pe/domain';
import { CurrentUser, Roles, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { IdempotencyKey } from '../http/idempotency.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { UuidParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { PartnershipsService } from './partnerships.service.js';

@Controller('partnerships')
export class PartnershipsController {
  constructor(@Inject(PartnershipsService) private readonly partnerships: PartnershipsService) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return sendList(response, 'partnerships', await this.partnerships.list(user, parseListQuery(query)));
  }

  /** The record now, or as of `at` (an event's sequence or an instant): the replay of the page. */
  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(asOfQuerySchema)) { at }: AsOfQuery) {
    return this.partnerships.get(user, id, at);
  }

  @Post()
  @Roles('coordinator', 'admin')
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body(validated(createPartnershipSchema)) body: CreatePartnershipInput,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.partnerships.create(user, body, key);
  }

  @Post(':id/commands')
  @HttpCode(200)
  @Roles('coordinator', 'admin', 'partner', 'sponsor')
  command(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new UuidParam('Partnership')) id: string,
    @Body(validated(clientCommandSchema)) body: ClientCommand,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.partnerships.command(user, id, body, key);
  }
}
