/** The API process: validates its configuration, migrates, seeds demo data in development, serves API and console. */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { apiConfigSchema, loadConfig, redactSecrets } from '@pe/config';
import { AppModule } from './app.module.js';
import { answerClientErrorsInOneFormat } from './http/client-errors.js';
import { rejectUnreadablePaths } from './http/path-check.js';
import { RedactingLogger } from './http/redacting-logger.js';
import { applySecurityPolicy } from './http/security.js';
import { buildOpenApiDocument } from './openapi.js';
import { seedDemoData } from './seed/seed.js';
import { DATABASE } from './tokens.js';

async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const levels = (['error', 'warn', 'log', 'debug'] as const).slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.LOG_LEVEL) + 1);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), { logger: new RedactingLogger([...levels]) });
  app.setGlobalPrefix('api');
  // The client's address (access log, sign-in limit) comes from X-Forwarded-For only through the proxies named.
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  applySecurityPolicy(app, config.CORS_ORIGINS);
  app.use(rejectUnreadablePaths);
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument() as unknown as OpenAPIObject);
  if (config.CONSOLE_DIST && existsSync(config.CONSOLE_DIST)) app.useStaticAssets(config.CONSOLE_DIST, { index: 'index.html' });
  else Logger.warn('The console is not built (npm run build); only the API is served', 'Console');

  if (config.NODE_ENV !== 'production' && config.SEED_DEMO_DATA) {
    for (const line of await seedDemoData(app.get<DataSource>(DATABASE))) Logger.log(line, 'Seed');
  }
  answerClientErrorsInOneFormat(app.getHttpServer());
  await app.listen(config.PORT, config.HOST);
  Logger.log(`API and console on http://${config.HOST}:${config.PORT} (OpenAPI at /api/docs)`, 'Main');
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
