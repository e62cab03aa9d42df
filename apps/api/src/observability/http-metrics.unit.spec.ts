import { describe, expect, it } from 'vitest';
import { CONSOLE_FILES, HttpMetrics, UNROUTED_API, methodLabel, routeLabel } from './http-metrics.js';

describe('routeLabel', () => {
  it('is the route template Express matched, never the path sent', () => {
    expect(routeLabel({ method: 'POST', path: '/api/partnerships/4452c977/commands', route: { path: '/api/partnerships/:id/commands' } })).toBe('/api/partnerships/:id/commands');
    expect(routeLabel({ method: 'GET', path: '/v/x', baseUrl: '/v', route: { path: '/:name' } })).toBe('/v/:name');
  });

  it('names what no route answered with one fixed label per side, however many paths are tried', () => {
    for (const path of ['/api', '/api/nothing/here', '/api/partnerships/../../etc']) expect(routeLabel({ method: 'GET', path })).toBe(UNROUTED_API);
    for (const path of ['/', '/assets/index-abc.js', '/wp-login.php']) expect(routeLabel({ method: 'GET', path })).toBe(CONSOLE_FILES);
    expect(routeLabel({ method: 'GET', path: '/apiary' })).toBe(CONSOLE_FILES);
  });
});

describe('methodLabel', () => {
  it('keeps the usual methods and folds the rest into one', () => {
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map(methodLabel)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(['PROPFIND', 'MKCOL', 'get'].map(methodLabel)).toEqual(['other', 'other', 'other']);
  });
});

describe('HttpMetrics', () => {
  it('counts and times requests by method, route and status in the Prometheus text format', async () => {
    const metrics = new HttpMetrics();
    const labels = { method: 'POST', route: '/api/partnerships/:id/commands', status: '200' };
    metrics.observe(labels, 0.02);
    metrics.observe(labels, 3);
    metrics.observe({ ...labels, status: '409' }, 0.01);
    const { contentType, body } = await metrics.exposition();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('http_requests_total{method="POST",route="/api/partnerships/:id/commands",status="200"} 2');
    expect(body).toContain('http_requests_total{method="POST",route="/api/partnerships/:id/commands",status="409"} 1');
    expect(body).toContain('http_request_duration_seconds_bucket{le="0.025",method="POST",route="/api/partnerships/:id/commands",status="200"} 1');
    expect(body).toContain('http_request_duration_seconds_bucket{le="5",method="POST",route="/api/partnerships/:id/commands",status="200"} 2');
    expect(body).toContain('http_request_duration_seconds_sum{method="POST",route="/api/partnerships/:id/commands",status="200"} 3.02');
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('keeps each instance\'s counts apart (no global registry shared between them)', async () => {
    const first = new HttpMetrics();
    first.observe({ method: 'GET', route: '/x', status: '200' }, 0.001);
    expect((await new HttpMetrics().exposition()).body).not.toContain('route="/x"');
  });
});
