import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { asOfQuerySchema, diffQuerySchema, type AsOfQuery, type DiffQuery } from '@pe/domain';
import { Audited } from '../access-log/audited.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { UuidParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { InsightService } from './insight.service.js';

@Controller('partnerships/:id')
export class InsightController {
  constructor(@Inject(InsightService) private readonly insight: InsightService) {}

  @Get('state')
  state(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(asOfQuerySchema)) { at }: AsOfQuery) {
    return this.insight.stateAt(user, id, at);
  }

  @Get('diff')
  diff(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(diffQuerySchema)) query: DiffQuery) {
    return this.insight.diff(user, id, query);
  }

  @Get('measures')
  measures(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(asOfQuerySchema)) { at }: AsOfQuery) {
    return this.insight.measures(user, id, at);
  }

  @Get('deadlines')
  deadlines(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string) {
    return this.insight.deadlines(user, id);
  }

  @Get('agreements')
  agreements(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(asOfQuerySchema)) { at }: AsOfQuery) {
    return this.insight.agreements(user, id, at);
  }

  @Get('missions')
  missions(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string, @Query(validated(asOfQuerySchema)) { at }: AsOfQuery) {
    return this.insight.missions(user, id, at);
  }

  @Get('event-facets')
  eventFacets(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string) {
    return this.insight.eventFacets(user, id);
  }

  @Get('verify')
  @Audited('verify')
  verify(@CurrentUser() user: AuthenticatedUser, @Param('id', new UuidParam('Partnership')) id: string) {
    return this.insight.verify(user, id);
  }
}

/** The deadline ledger across partnerships: a simple-REST list (sort, range, filter). */
@Controller('deadlines')
export class DeadlinesController {
  constructor(@Inject(InsightService) private readonly insight: InsightService) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return sendList(response, 'deadlines', await this.insight.ledger(user, parseListQuery(query)));
  }
}

/** The deployment's audit public key, for checking signed checkpoints outside the API. */
@Controller('audit')
export class AuditController {
  constructor(@Inject(InsightService) private readonly insight: InsightService) {}

  @Get('public-key')
  publicKey() {
    return this.insight.publicKey();
  }
}
