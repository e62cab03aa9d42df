/**
 * The API's Prometheus metrics: requests counted and timed by method, route template and status,
 * beside Node's process metrics. Labels come from small fixed sets — the route as declared
 * (`/api/partnerships/:id`), never the path a caller sent — so a scan of random paths cannot grow
 * the series, and no label carries an id, a name or an address.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A request no API route answered under /api (unknown paths, the OpenAPI page's own files). */
export const UNROUTED_API = '(unrouted)';
/** Anything outside /api without a route: the console's files. */
export const CONSOLE_FILES = '(console)';
/** Requests whose connection closed before an answer was sent. */
export const ABORTED = 'aborted';

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds; a command may wait up to COMMAND_TIMEOUT_MS (10 s by default, at most 300 s). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export interface RoutedRequest {
  method: string;
  path: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/** The route template Express matched, or a fixed name for what no route answered. */
export function routeLabel(request: RoutedRequest): string {
  const template = request.route?.path;
  if (typeof template === 'string') return `${request.baseUrl ?? ''}${template}`;
  return request.path === '/api' || request.path.startsWith('/api/') ? UNROUTED_API : CONSOLE_FILES;
}

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(labels: { method: string; route: string; status: string }, seconds: number): void {
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  /** The Prometheus text exposition and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
