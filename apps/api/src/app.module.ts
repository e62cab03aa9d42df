import { createPublicKey, createSecretKey } from 'node:crypto';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { ApiConfig } from '@pe/config';
import type { FailureLimit } from '@pe/domain';
import { openDatabase, type AuditKeys } from '@pe/persistence';
import { VerificationController } from './audit/verification.controller.js';
import { VerificationService } from './audit/verification.service.js';
import { AccessLogController } from './access-log/access-log.controller.js';
import { AccessLogInterceptor } from './access-log/audited.js';
import { AuditExportController } from './audit/audit-export.controller.js';
import { AuditExportService } from './audit/audit-export.service.js';
import { ExportSlots } from './audit/export-slots.js';
import { AddressLimiter } from './auth/address-limiter.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { CountriesController, OrganizationMissionsController, OrganizationsAdminController, UsersAdminController } from './directory/directory.controller.js';
import { DirectoryService } from './directory/directory.service.js';
import { READ_ONLY_CONTROLLERS } from './directory/read-only.controller.js';
import { DependencyProbes } from './health/dependency-probes.js';
import { HealthController } from './health/health.controller.js';
import { AuditController, DeadlinesController, InsightController } from './insight/insight.controller.js';
import { InsightService } from './insight/insight.service.js';
import { DeterminismService } from './insight/determinism.service.js';
import { ProofService } from './insight/proof.service.js';
import { ErrorFilter } from './http/error.filter.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationPreferencesController, SentEmailController, WebhookDeliveriesController, WebhooksController } from './deliveries/deliveries.controller.js';
import { PartnershipsController } from './partnerships/partnerships.controller.js';
import { PartnershipsService } from './partnerships/partnerships.service.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import { PartnershipGateway } from './temporal/partnership-gateway.js';
import { WorkflowHistories } from './temporal/workflow-histories.js';
import { WorkflowReplay } from './temporal/workflow-replay.js';
import { createTemporalClient } from './temporal/temporal-client.js';
import { Passwords } from './auth/passwords.js';
import { ACCOUNT_SIGN_IN_LIMIT, ADDRESS_LIMITER, AUDIT_KEYS, COMMANDS, DATABASE, PREVIOUS_JWT_SECRETS, TEMPORAL, WEBHOOK_POLICY, type CommandSettings, type WebhookPolicy } from './tokens.js';

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  static forConfig(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      // Tokens are signed with JWT_SECRET alone; JWT_PREVIOUS_SECRETS only verify (AuthGuard).
      imports: [
        JwtModule.register({
          // A key object, not the text: given text, jsonwebtoken tries it as a public key on every
          // request (and fails, expensively) before it takes it as the HMAC secret it is.
          secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
          signOptions: { expiresIn: config.JWT_EXPIRES_IN as `${number}h` },
        }),
      ],
      controllers: [
        AuthController,
        HealthController,
        PartnershipsController,
        InsightController,
        DeadlinesController,
        AuditController,
        VerificationController,
        AuditExportController,
        AccessLogController,
        TasksController,
        NotificationsController,
        NotificationPreferencesController,
        WebhooksController,
        WebhookDeliveriesController,
        SentEmailController,
        OrganizationsAdminController,
        OrganizationMissionsController,
        CountriesController,
        UsersAdminController,
        ...READ_ONLY_CONTROLLERS,
      ],
      providers: [
        // A request waits for a pooled connection no longer than a command may take.
        { provide: DATABASE, useFactory: () => openDatabase(config.DATABASE_URL, { connectTimeoutMs: config.COMMAND_TIMEOUT_MS }) },
        { provide: TEMPORAL, useFactory: () => createTemporalClient(config) },
        { provide: COMMANDS, useValue: { taskQueue: config.TEMPORAL_TASK_QUEUE, timeoutMs: config.COMMAND_TIMEOUT_MS } satisfies CommandSettings },
        DependencyProbes,
        { provide: AUDIT_KEYS, useValue: { current: createPublicKey(config.AUDIT_SIGNING_KEY), previous: config.AUDIT_PREVIOUS_PUBLIC_KEYS } satisfies AuditKeys },
        { provide: PREVIOUS_JWT_SECRETS, useValue: config.JWT_PREVIOUS_SECRETS },
        { provide: Passwords, useValue: new Passwords(config.PASSWORD_HASHING) },
        { provide: WEBHOOK_POLICY, useValue: { requireHttps: config.NODE_ENV === 'production' } satisfies WebhookPolicy },
        {
          provide: ACCOUNT_SIGN_IN_LIMIT,
          useValue: { maxFailures: config.SIGN_IN_MAX_FAILURES, windowMs: config.SIGN_IN_FAILURE_WINDOW, lockoutMs: config.SIGN_IN_LOCKOUT } satisfies FailureLimit,
        },
        {
          provide: ADDRESS_LIMITER,
          // An address is refused for as long as the window its failures were counted in.
          useValue: new AddressLimiter({ maxFailures: config.SIGN_IN_IP_MAX_FAILURES, windowMs: config.SIGN_IN_IP_WINDOW, lockoutMs: config.SIGN_IN_IP_WINDOW }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        AuthService,
        PartnershipGateway,
        PartnershipsService,
        TasksService,
        InsightService,
        WorkflowHistories,
        WorkflowReplay,
        DeterminismService,
        ProofService,
        VerificationService,
        AuditExportService,
        { provide: ExportSlots, useValue: new ExportSlots() },
        DirectoryService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close();
    await this.db.destroy();
  }
}
