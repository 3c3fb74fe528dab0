import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const scrape = (authorization?: string) =>
  t.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: authorization ? { authorization } : {},
  });

describe('/metrics', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer wrong-token'],
    ['the token without Bearer', 'TOKEN'],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with 401 unauthorized', async (_case, header) => {
    const response = await scrape(header === 'TOKEN' ? t.secrets.metricsToken : header);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'unauthorized' });
    expect(response.body).not.toContain('enclave_http_request_duration_seconds');
  });

  it('serves Prometheus text with process metrics and the request histogram by route and status', async () => {
    await t.app.inject({ method: 'GET', url: '/health/live' });
    await t.app.inject({ method: 'GET', url: '/no/such/route/123' });
    const response = await scrape(`Bearer ${t.secrets.metricsToken}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('enclave_process_cpu_seconds_total');
    expect(response.body).toContain('enclave_nodejs_eventloop_lag_seconds');
    expect(response.body).toMatch(
      /enclave_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} \d+/,
    );
    // Unmatched URLs share one label, so random paths cannot explode the series count.
    expect(response.body).toMatch(/route="unmatched",status_code="404"/);
    expect(response.body).not.toContain('/no/such/route/123');
  });
});
