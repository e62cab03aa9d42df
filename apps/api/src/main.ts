/** The API process: validates its configuration, migrates, seeds demo data in development, serves API and console. */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { apiConfigSchema, loadConfig, redactSecrets } from '@pe/config';
import { createLogger, logFormatFor } from '@pe/observability';
import { AppModule } from './app.module.js';
import { answerClientErrorsInOneFormat } from './http/client-errors.js';
import { consoleAssets } from './http/console-assets.js';
import { rejectUnreadablePaths } from './http/path-check.js';
import { applySecurityPolicy } from './http/security.js';
import { HttpMetrics } from './observability/http-metrics.js';
import { NestPinoLogger } from './observability/nest-logger.js';
import { requestFields } from './observability/request-context.js';
import { observeRequests, serveMetrics } from './observability/request-observer.js';
import { buildOpenApiDocument } from './openapi.js';
import { seedDemoData } from './seed/seed.js';
import { Passwords } from './auth/passwords.js';
import { DATABASE } from './tokens.js';

async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL, format: logFormatFor(config.LOG_FORMAT, config.NODE_ENV), mixin: requestFields });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), { logger: new NestPinoLogger(logger) });
  const metrics = config.METRICS_ENABLED ? new HttpMetrics() : null;
  // First, so every answer (a refusal by the security policy or the path check too) has its id, is counted and logged.
  app.use(observeRequests(logger, metrics));
  app.setGlobalPrefix('api');
  // The client's address (access log, sign-in limit) comes from X-Forwarded-For only through the proxies named.
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  // On SIGTERM or SIGINT: close the server and the connections, then exit 0, as the worker does (Nest
  // would otherwise raise the signal again, and an orchestrator would see a process killed by it).
  app.enableShutdownHooks([], { useProcessExit: true });
  app.disable('x-powered-by');
  applySecurityPolicy(app, config.CORS_ORIGINS);
  app.use(rejectUnreadablePaths);
  // Outside /api and its sign-in: a scraper has no account (README, Observability).
  if (metrics) (app.getHttpAdapter().getInstance() as Express).get('/metrics', serveMetrics(metrics));
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument() as unknown as OpenAPIObject);
  if (config.CONSOLE_DIST && existsSync(config.CONSOLE_DIST)) app.use(consoleAssets(config.CONSOLE_DIST));
  else Logger.warn('The console is not built (npm run build); only the API is served', 'Console');

  if (config.NODE_ENV !== 'production' && config.SEED_DEMO_DATA) {
    for (const line of await seedDemoData(app.get<DataSource>(DATABASE), app.get(Passwords))) Logger.log(line, 'Seed');
  }
  answerClientErrorsInOneFormat(app.getHttpServer());
  await app.listen(config.PORT, config.HOST);
  Logger.log(`API and console on http://${config.HOST}:${config.PORT} (OpenAPI at /api/docs)`, 'Main');
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
