/**
 * What every response carries for the browser's protection: security headers with a content-security
 * policy the console satisfies (its scripts are files, MUI injects styles), and an explicit CORS
 * policy — same origin only unless `CORS_ORIGINS` names the origins a separately hosted console uses.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/** The console and the OpenAPI page load everything from this origin; nothing may frame them. */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // MUI (emotion) and Swagger UI add <style> elements at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function applySecurityPolicy(app: NestExpressApplication, corsOrigins: readonly string[]): void {
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // The API is served over plain HTTP on 127.0.0.1 in development; HSTS belongs to the TLS proxy in front of it.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const allowed = new Set(corsOrigins);
  app.enableCors({
    // A request from an origin not listed gets no Access-Control-Allow-Origin, so the browser refuses it its answer.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['Content-Range', 'Retry-After', 'X-Request-Id'],
    credentials: false,
    maxAge: 600,
  });
}
