/**
 * The first thing every request meets: it gets its id (the caller's sane `X-Request-Id`, else a new
 * one), answered in the response's `X-Request-Id`, and everything done for it runs with that id as
 * the current one (request-context.ts), so each log line and the Temporal update it sends carry it.
 * When the answer has gone (or the caller left), the request is counted and logged once: method,
 * route template, path without its query (which may hold a filter by email), status, duration and
 * the signed-in user's id — never a header, a query or a body.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@pe/observability';
import { REQUEST_ID_HTTP_HEADER, requestIdFrom } from '@pe/observability';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { ABORTED, CONSOLE_FILES, methodLabel, routeLabel, type HttpMetrics } from './http-metrics.js';
import { runInRequest } from './request-context.js';

/** Routes polled by machines (health checks, scrapes) and the console's files: logged at debug unless they fail. */
const QUIET_ROUTES: ReadonlySet<string> = new Set(['/metrics', '/api/health', '/api/health/live', '/api/health/ready', CONSOLE_FILES]);

export function observeRequests(logger: Logger, metrics: HttpMetrics | null) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const context = { requestId: requestIdFrom(request.headers['x-request-id']) };
    response.setHeader(REQUEST_ID_HTTP_HEADER, context.requestId);
    const startedAt = process.hrtime.bigint();
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const route = routeLabel(request);
      const status = response.writableFinished ? String(response.statusCode) : ABORTED;
      metrics?.observe({ method: methodLabel(request.method), route, status }, seconds);
      const failed = status === ABORTED || response.statusCode >= 500;
      const level = failed ? 'warn' : QUIET_ROUTES.has(route) ? 'debug' : 'info';
      const userId = (request as AuthenticatedRequest).user?.id;
      runInRequest(context, () =>
        logger[level](
          { method: request.method, route, path: request.path, status, durationMs: Math.round(seconds * 1e4) / 10, ...(userId ? { userId } : {}) },
          'request completed',
        ),
      );
    };
    response.once('finish', settle);
    response.once('close', settle);
    runInRequest(context, next);
  };
}

/** GET /metrics: the Prometheus text exposition. */
export function serveMetrics(metrics: HttpMetrics) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    metrics.exposition().then(({ contentType, body }) => {
      response.setHeader('Content-Type', contentType);
      response.setHeader('Cache-Control', 'no-store');
      response.end(body);
    }, next);
  };
}
