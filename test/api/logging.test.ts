import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
