/** Marking one's own notifications read (the list itself is a read-only resource). */
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { markNotificationsReadSchema, type MarkNotificationsReadInput } from '@pe/domain';
import { markNotificationsRead } from '@pe/persistence';
import { CurrentUser, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { validated } from '../http/zod.pipe.js';
import { DATABASE } from '../tokens.js';

@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(DATABASE) private readonly db: DataSource) {}

  /** Every role may do this: it changes only the caller's own inbox, never a partnership. */
  @Post('read')
  @HttpCode(200)
  async markRead(@CurrentUser() user: AuthenticatedUser, @Body(validated(markNotificationsReadSchema)) body: MarkNotificationsReadInput) {
    const target = body.ids ? { ids: body.ids } : { all: true as const };
    return { marked: await markNotificationsRead(this.db, user.id, target, new Date()) };
  }
}
