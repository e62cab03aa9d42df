import { DataSource } from 'typeorm';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { OrganizationTasks1763990000000 } from './migrations/1763990000000-organization-tasks.js';
import { TaskPurpose1764100000000 } from './migrations/1764100000000-task-purpose.js';
import { DirectoryAdministration1764311000000 } from './migrations/1764311000000-directory-administration.js';
import { PasswordChangedAt1764400000000 } from './migrations/1764400000000-password-changed-at.js';
import { AuditCheckpoints1764500000000 } from './migrations/1764500000000-audit-checkpoints.js';
import { EventsByActor1764610000000 } from './migrations/1764610000000-events-by-actor.js';
import { AccessLog1764620000000 } from './migrations/1764620000000-access-log.js';
import { SignInThrottle1764630000000 } from './migrations/1764630000000-sign-in-throttle.js';
import { AccessLogByEmail1764640000000 } from './migrations/1764640000000-access-log-by-email.js';
import { ReplayVerdicts1764658273000 } from './migrations/1764658273000-replay-verdicts.js';
import { NotificationDelivery1764700000000 } from './migrations/1764700000000-notification-delivery.js';
import { ListOrderIndexes1764800000000 } from './migrations/1764800000000-list-order-indexes.js';
import { DeadlineLedger1764810000000 } from './migrations/1764810000000-deadline-ledger.js';
import { MissionsAndCountry1764820000000 } from './migrations/1764820000000-missions-and-country.js';
import { KpiReportPurpose1764850000000 } from './migrations/1764850000000-kpi-report-purpose.js';

/** Arbitrary constant: the advisory lock that keeps two processes from migrating at once. */
export const MIGRATION_LOCK = 7_220_451;
/** Pooled connections per process (API and worker alike): what PostgreSQL's max_connections must allow for each. */
export const CONNECTIONS_PER_PROCESS = 10;

export interface DatabaseOptions {
  /** How long to wait for a connection (a new one, or a free one from the pool) before failing; default: as long as it takes. */
  connectTimeoutMs?: number;
}

export function createDataSource(url: string, options: DatabaseOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    migrations: [InitialSchema1763900000000, OrganizationTasks1763990000000, TaskPurpose1764100000000, DirectoryAdministration1764311000000, PasswordChangedAt1764400000000, AuditCheckpoints1764500000000, EventsByActor1764610000000, AccessLog1764620000000, SignInThrottle1764630000000, AccessLogByEmail1764640000000, ReplayVerdicts1764658273000, NotificationDelivery1764700000000, ListOrderIndexes1764800000000, DeadlineLedger1764810000000, MissionsAndCountry1764820000000, KpiReportPurpose1764850000000],
    entities: [],
    // No query logging, and no slow-query log (TypeORM prints that one whatever `logging` says once
    // maxQueryExecutionTime is set): parameters carry password hashes, and nothing here may print them.
    logging: false,
    extra: { max: CONNECTIONS_PER_PROCESS, ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}) },
  });
}

/** Connects and brings the schema up to date; API and workers may call it concurrently. */
export async function openDatabase(url: string, options: DatabaseOptions = {}): Promise<DataSource> {
  const dataSource = await createDataSource(url, options).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
