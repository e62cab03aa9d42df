import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { completeTaskSchema, type CompleteTaskInput } from '@pe/domain';
import { CurrentUser, Roles, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { IdempotencyKey } from '../http/idempotency.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { TaskIdParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { TasksService } from './tasks.service.js';

@Controller('tasks')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return sendList(response, 'tasks', await this.tasks.list(user, parseListQuery(query)));
  }

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', TaskIdParam) id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('admin', 'coordinator', 'partner', 'sponsor')
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdParam) id: string,
    @Body(validated(completeTaskSchema)) body: CompleteTaskInput,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.tasks.complete(user, id, body, key);
  }
}
