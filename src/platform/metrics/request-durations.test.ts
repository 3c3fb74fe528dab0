import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations.js';

/** What prom-client's own Histogram prints for the same observations. */
function promClientExposition(
  observations: ReadonlyArray<[route: string, method: string, status: number, seconds: number]>,
) {
  const registry = new Registry();
  const histogram = new Histogram({
    name: 'enclave_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  for (const [route, method, status, seconds] of observations) {
    histogram.observe({ method, route, status_code: status }, seconds);
  }
  return registry.metrics();
}

describe('request durations', () => {
  it("are exposed exactly as prom-client's Histogram exposes the same observations", async () => {
    const live = { url: '/health/live' };
    const me = { url: '/api/auth/me' };
    const observations: Array<[object | string, string, string, number, number]> = [
      [live, '/health/live', 'GET', 200, 0.0004],
      [live, '/health/live', 'GET', 200, 0.001], // on a bound: counted in it
      [live, '/health/live', 'GET', 200, 0.0011],
      [me, '/api/auth/me', 'GET', 200, 0.003],
      [me, '/api/auth/me', 'GET', 401, 0.02],
      [me, '/api/auth/me', 'PATCH', 200, 0.3],
      [me, '/api/auth/me', 'GET', 200, 42], // above every bound: only in +Inf
      ['unmatched', 'unmatched', 'GET', 404, 0.002],
    ];
    const registry = new Registry();
    const durations = new RequestDurations();
    durations.registerIn(registry);
    for (const [key, route, method, status, seconds] of observations) {
      durations.observe(key, route, method, status, seconds);
    }

    const expected = await promClientExposition(
      observations.map(([, route, method, status, seconds]) => [route, method, status, seconds]),
    );
    expect(await registry.metrics()).toBe(expected);
    expect(expected).toContain(
      'enclave_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/health/live",status_code="200"} 2',
    );
  });

  it('start empty again after a reset', async () => {
    const registry = new Registry();
    const durations = new RequestDurations();
    durations.registerIn(registry);
    durations.observe('unmatched', 'unmatched', 'GET', 404, 0.002);
    durations.reset();
    expect(await registry.metrics()).toBe(await promClientExposition([]));
  });
});
