/**
 * Notifications that leave the product. Everyone sets their own notification preference; admins
 * manage organizations' webhooks, read the delivery log (every attempt), redeliver, and read the
 * email outbox ("Sent email"). Sending itself is the worker's: nothing here waits on a receiver.
 */
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  createWebhookSchema,
  fieldErrors,
  notificationPreferenceSchema,
  sentEmailFilterSchema,
  updateWebhookSchema,
  webhookDeliveryFilterSchema,
  webhookMessageId,
  type CreateWebhookInput,
  type NotificationPreference,
  type UpdateWebhookInput,
} from '@pe/domain';
import {
  createWebhook,
  findActiveOrganizationIds,
  findFirst,
  notificationPreference,
  redeliverWebhook,
  rotateWebhookSecret,
  runList,
  sentEmailList,
  setNotificationPreference,
  updateWebhook,
  webhookAttempts,
  webhookDeliveryList,
  webhookList,
  webhookSecret,
} from '@pe/persistence';
import { CurrentUser, Roles, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { API_ERROR_CODES, ApiError, malformed, notFoundError } from '../http/api-error.js';
import { parseListQuery, sendList } from '../http/list-params.js';
import { UuidParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { DATABASE, WEBHOOK_POLICY, type WebhookPolicy } from '../tokens.js';

@Controller('notification-preferences')
export class NotificationPreferencesController {
  constructor(@Inject(DATABASE) private readonly db: DataSource) {}

  /** The caller's own: every role has one. Until it is set, the default (in the console, at once). */
  @Get()
  read(@CurrentUser() user: AuthenticatedUser) {
    return notificationPreference(this.db, user.id);
  }

  @Put()
  write(@CurrentUser() user: AuthenticatedUser, @Body(validated(notificationPreferenceSchema)) body: NotificationPreference) {
    return setNotificationPreference(this.db, user.id, body, new Date());
  }
}

@Controller('webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(WEBHOOK_POLICY) private readonly policy: WebhookPolicy,
  ) {}

  @Get()
  async list(@Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return sendList(response, 'webhooks', await runList(this.db, webhookList, parseListQuery(query)));
  }

  /** One subscription with its signing secret, which the receiver needs to verify signatures. */
  @Get(':id')
  async get(@Param('id', new UuidParam('Webhook')) id: string) {
    const webhook = await findFirst<Record<string, unknown>>(this.db, webhookList, { id });
    if (!webhook) throw notFoundError('Webhook');
    return { ...webhook, secret: await webhookSecret(this.db, id) };
  }

  @Post()
  async create(@Body(validated(createWebhookSchema)) body: CreateWebhookInput) {
    this.requireAllowedUrl(body.url);
    if ((await findActiveOrganizationIds(this.db, [body.organizationId])).length === 0) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, API_ERROR_CODES.unknownOrganization, 'No such active organization', {
        organizationId: `unknown or deactivated organization ${body.organizationId}`,
      });
    }
    return this.get(await createWebhook(this.db, body, new Date()));
  }

  /** Changes the fields sent; {"active": false} stops new messages (those queued are still sent). */
  @Put(':id')
  async update(@Param('id', new UuidParam('Webhook')) id: string, @Body(validated(updateWebhookSchema)) body: UpdateWebhookInput) {
    if (body.url) this.requireAllowedUrl(body.url);
    if (!(await updateWebhook(this.db, id, body, new Date()))) throw notFoundError('Webhook');
    return this.get(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  async rotate(@Param('id', new UuidParam('Webhook')) id: string) {
    if (!(await rotateWebhookSecret(this.db, id, new Date()))) throw notFoundError('Webhook');
    return this.get(id);
  }

  private requireAllowedUrl(url: string): void {
    if (this.policy.requireHttps && !url.startsWith('https://')) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, API_ERROR_CODES.rejected, 'Webhooks must use https in production', { url: 'must be an https:// URL' });
    }
  }
}

@Controller('webhook-deliveries')
@Roles('admin')
export class WebhookDeliveriesController {
  constructor(@Inject(DATABASE) private readonly db: DataSource) {}

  @Get()
  async list(@Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    const params = parseListQuery(query);
    const filter = webhookDeliveryFilterSchema.safeParse(params.filter ?? {});
    if (!filter.success) throw malformed(fieldErrors(filter.error, 'filter'), 'The delivery-log filter is malformed');
    return sendList(response, 'webhook-deliveries', await runList(this.db, webhookDeliveryList, { ...params, filter: filter.data }));
  }

  /** One delivery with its webhook-id and every attempt, oldest first. */
  @Get(':id')
  async get(@Param('id', new UuidParam('Delivery')) id: string) {
    const delivery = await findFirst<Record<string, unknown>>(this.db, webhookDeliveryList, { id });
    if (!delivery) throw notFoundError('Delivery');
    return { ...delivery, messageId: webhookMessageId(id), attemptLog: await webhookAttempts(this.db, id) };
  }

  /** Queues the message again (a new round of attempts, the same webhook-id); 202: the worker sends it. */
  @Post(':id/redeliver')
  @HttpCode(202)
  async redeliver(@Param('id', new UuidParam('Delivery')) id: string) {
    if ((await redeliverWebhook(this.db, id)) === 'not-found') throw notFoundError('Delivery');
    return this.get(id);
  }
}

@Controller('sent-email')
@Roles('admin')
export class SentEmailController {
  constructor(@Inject(DATABASE) private readonly db: DataSource) {}

  @Get()
  async list(@Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    const params = parseListQuery(query);
    const filter = sentEmailFilterSchema.safeParse(params.filter ?? {});
    if (!filter.success) throw malformed(fieldErrors(filter.error, 'filter'), 'The sent-email filter is malformed');
    return sendList(response, 'sent-email', await runList(this.db, sentEmailList, { ...params, filter: filter.data }));
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    if (!/^\d{1,18}$/.test(id)) throw notFoundError('Email');
    const email = await findFirst<Record<string, unknown>>(this.db, sentEmailList, { id });
    if (!email) throw notFoundError('Email');
    return email;
  }
}
