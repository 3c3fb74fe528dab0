import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/http/errors.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PLANTED = [
  'planted-bearer-3f9a1c',
  'planted-cookie-77e0b2',
  'planted-password-c4d1',
  'planted-token-a81f',
  'planted-apikey-0b6e',
  'planted-dbpass-9d2e',
  'planted-query-token-5e1a',
  'planted-error-secret-c30f',
  'planted-nested-secret-77aa',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { LOG_LEVEL: 'trace' },
    configure: (app) => {
      app.post('/test/log', async (request) => {
        request.log.info(
          {
            body: request.body,
            headers: request.headers,
            user: { password: 'planted-password-c4d1', profile: { apiKey: 'planted-apikey-0b6e' } },
            tokens: [{ refreshToken: 'planted-token-a81f' }],
          },
          'connecting to postgres://enclave:planted-dbpass-9d2e@db:5432/enclave',
        );
        const error = Object.assign(new Error('upstream refused'), {
          config: { headers: { Authorization: 'Bearer planted-error-secret-c30f' } },
        });
        request.log.error({ err: error }, 'upstream call failed');
        return { ok: true };
      });
      app.get('/test/child-log', async (request) => {
        request.log.child({ job: 'export' }).warn('child line');
        return { ok: true };
      });
      app.get('/test/quiet-failure', { config: { accessLog: false } }, async () => {
        throw new AppError('service_unavailable', 'planned failure');
      });
    },
  });
});
afterAll(() => t.close());

describe('logs', () => {
  it('never contain a planted secret, wherever it was put', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/log?access_token=planted-query-token-5e1a&page=2',
      headers: {
        authorization: 'Bearer planted-bearer-3f9a1c',
        cookie: 'session=planted-cookie-77e0b2',
      },
      payload: { settings: { clientSecret: 'planted-nested-secret-77aa' }, note: 'hello' },
    });
    expect(response.statusCode).toBe(200);
    const text = t.logs.text;
    expect(text.length).toBeGreaterThan(0);
    for (const secret of PLANTED) expect(text, secret).not.toContain(secret);
  });

  it('keep what is not secret, so the log stays useful', async () => {
    const text = t.logs.text;
    expect(text).toContain('"note":"hello"');
    expect(text).toContain('page=2');
    expect(text).toContain('postgres://enclave:[redacted]@db:5432/enclave');
    expect(text).toContain('upstream refused');
  });

  it('are JSON lines with level, time and request id', () => {
    const entry = t.logs.entries().find((e) => e.msg === 'upstream call failed');
    expect(entry).toMatchObject({ level: 'error', service: 'enclave' });
    expect(typeof entry?.time).toBe('string');
    expect(typeof entry?.reqId).toBe('string');
  });
});

describe('access log', () => {
  const completed = (url: string) =>
    t.logs
      .entries()
      .filter((e) => e.msg === 'request completed' && (e.req as { url?: string })?.url === url);

  it('has one request completed line per answer, with status, time and request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
    const lines = completed('/api/no-such-route');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'enclave',
      reqId: response.headers['x-request-id'],
      res: { statusCode: 404 },
      req: { method: 'GET', hostname: 'localhost', remoteAddress: '127.0.0.1' },
    });
    expect(lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof lines[0]?.responseTime).toBe('number');
  });

  it('leaves out successful health probes but not failed answers of quiet routes', async () => {
    await t.app.inject({ method: 'GET', url: '/health/live' });
    const failed = await t.app.inject({ method: 'GET', url: '/test/quiet-failure' });
    expect(failed.statusCode).toBe(503);
    expect(completed('/health/live')).toHaveLength(0);
    expect(completed('/test/quiet-failure')).toHaveLength(1);
  });

  it('keeps the request id on lines of a child of the request logger', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/child-log' });
    const line = t.logs.entries().find((e) => e.msg === 'child line');
    expect(line).toMatchObject({
      level: 'warn',
      job: 'export',
      reqId: response.headers['x-request-id'],
    });
  });
});
