/** The access log for admins: a simple-REST list (sort, range, filter by action, user, partnership and time). */
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { accessLogFilterSchema, fieldErrors } from '@pe/domain';
import { accessLogList, runList } from '@pe/persistence';
import { Roles } from '../auth/auth.decorators.js';
import { malformed } from '../http/api-error.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { DATABASE } from '../tokens.js';

@Controller('access-log')
@Roles('admin')
export class AccessLogController {
  constructor(@Inject(DATABASE) private readonly db: DataSource) {}

  @Get()
  async list(@Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    const params = parseListQuery(query);
    const filter = accessLogFilterSchema.safeParse(params.filter ?? {});
    if (!filter.success) throw malformed(fieldErrors(filter.error, 'filter'), 'The access-log filter is malformed');
    return sendList(response, 'access-log', await runList(this.db, accessLogList, { ...params, filter: filter.data }));
  }
}
