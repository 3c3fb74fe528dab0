import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { SocketClient } from '../support/chat-client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_DATABASE_URL } from '../support/test-env.js';

let probe: TestApp;
let proxy: TcpProxy;
let t: TestApp;
let admin: Signed;
let apiKey: string;
let url: string;
beforeAll(async () => {
  if (!TEST_DATABASE_URL) return;
  probe = await createTestApp({ redis: false });
  const target = new URL(
    probe.config.database.kind === 'postgres' ? probe.config.database.url : '',
  );
  proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  target.host = `127.0.0.1:${proxy.port}`;
  t = await createTestApp({ redis: false, env: { DATABASE_URL: target.toString() } });
  admin = await setUpAdmin(t);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/keys',
    headers: bearer(admin.accessToken),
    payload: { name: 'script', scopes: ['chat'] },
  });
  apiKey = created.json<{ key: string }>().key;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  // Each test restores the connection it cut.
  await t?.app.close();
  await t?.database.close().catch(() => undefined);
  await proxy?.cut();
  await probe?.close();
});

describe.runIf(TEST_DATABASE_URL)('while PostgreSQL cannot be reached (postgres only)', () => {
  it('answers 503 service_unavailable with Retry-After, never a 500, and works again once it is back', async () => {
    await proxy.cut();
    try {
      const calls = [
        { method: 'GET', url: '/api/conversations', headers: bearer(admin.accessToken) },
        {
          method: 'POST',
          url: '/api/conversations',
          headers: bearer(admin.accessToken),
          payload: {},
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: 'not the password at all' },
        },
      ] as const;
      for (const call of calls) {
        const response = await t.app.inject(call);
        expect(response.statusCode, `${call.method} ${call.url}`).toBe(503);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json()).toMatchObject({ code: 'service_unavailable' });
        expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
      }
      // The OpenAI-compatible API says the same in OpenAI's shape.
      const models = await t.app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: bearer(apiKey),
      });
      expect(models.statusCode).toBe(503);
      expect(models.headers['retry-after']).toBe('5');
      expect(models.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    } finally {
      await proxy.restore();
    }
    await expect
      .poll(
        async () =>
          (
            await t.app.inject({
              method: 'POST',
              url: '/api/conversations',
              headers: bearer(admin.accessToken),
              payload: {},
            })
          ).statusCode,
        { timeout: 10_000, interval: 200 },
      )
      .toBe(201);
  });

  it('tells a socket client the message could not be handled for now, with the same code', async () => {
    const client = await SocketClient.signedIn(url, admin);
    try {
      await proxy.cut();
      client.send({
        type: 'chat.send',
        conversationId: '0193a5f0-0000-7000-8000-000000000000',
        content: 'hello',
        ref: 'r1',
      });
      const error = await client.next((m) => m.type === 'error');
      expect(error).toMatchObject({ code: 'service_unavailable', ref: 'r1' });
    } finally {
      client.socket.terminate();
      await proxy.restore();
    }
  });
});
