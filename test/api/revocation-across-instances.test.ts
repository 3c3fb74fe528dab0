import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, login, me, refresh, setUpAdmin, signedFrom } from '../support/accounts.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL, dialect } from '../support/test-env.js';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  if (!TEST_REDIS_URL) return;
  a = await createTestApp();
  b = await createTestApp({ instanceOf: a });
  await setUpAdmin(a);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Another instance of `a`'s deployment, whose Redis connections the test can cut. */
async function instanceBehindProxy(): Promise<{
  c: TestApp;
  proxy: TcpProxy;
  close(): Promise<void>;
}> {
  const target = new URL(TEST_REDIS_URL ?? '');
  const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
  target.host = `127.0.0.1:${proxy.port}`;
  const c = await createTestApp({ instanceOf: a, env: { REDIS_URL: target.toString() } });
  return {
    c,
    proxy,
    async close() {
      await c.close();
      await proxy.cut();
    },
  };
}

const logout = (t: TestApp, accessToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(accessToken) });

describe.skipIf(!TEST_REDIS_URL)(
  `revocation across instances (${dialect}, needs TEST_REDIS_URL)`,
  () => {
    it('a logout on instance A stops the access token on instance B', async () => {
      const session = signedFrom(await login(a, 'admin', ADMIN.password));
      expect((await me(b, session.accessToken)).statusCode).toBe(200);
      expect((await logout(a, session.accessToken)).statusCode).toBe(204);
      // Published through Redis; B learns it within a message's latency.
      await expect
        .poll(async () => (await me(b, session.accessToken)).statusCode, {
          timeout: 2000,
          interval: 10,
        })
        .toBe(401);
    });

    it('an instance that starts later knows revocations made before it started', async () => {
      const session = signedFrom(await login(a, 'admin', ADMIN.password));
      await logout(a, session.accessToken);
      const late = await createTestApp({ instanceOf: a });
      try {
        expect((await me(late, session.accessToken)).statusCode).toBe(401);
      } finally {
        await late.close();
      }
    });

    it('an instance that could not hear Redis while a session ended refuses its token once Redis is back', async () => {
      const behind = await instanceBehindProxy();
      try {
        const session = signedFrom(await login(a, 'admin', ADMIN.password));
        expect((await me(behind.c, session.accessToken)).statusCode).toBe(200);
        await behind.proxy.cut();
        expect((await logout(a, session.accessToken)).statusCode).toBe(204);
        await behind.proxy.restore();
        await expect
          .poll(async () => (await me(behind.c, session.accessToken)).statusCode, {
            timeout: 10_000,
          })
          .toBe(401);
      } finally {
        await behind.close();
      }
    });

    it('a logout while Redis cannot be reached still ends the session, and the others learn it once Redis is back', async () => {
      const behind = await instanceBehindProxy();
      try {
        const session = signedFrom(await login(behind.c, 'admin', ADMIN.password));
        expect((await me(a, session.accessToken)).statusCode).toBe(200);
        await behind.proxy.cut();
        expect((await logout(behind.c, session.accessToken)).statusCode).toBe(204);
        expect((await me(behind.c, session.accessToken)).statusCode).toBe(401);
        expect((await refresh(behind.c, session.refreshToken)).statusCode).toBe(401);
        await behind.proxy.restore();
        await expect
          .poll(async () => (await me(a, session.accessToken)).statusCode, { timeout: 10_000 })
          .toBe(401);
      } finally {
        await behind.close();
      }
    });
  },
);
