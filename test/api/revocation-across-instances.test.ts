import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, login, me, setUpAdmin, signedFrom } from '../support/accounts.js';
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

describe.skipIf(!TEST_REDIS_URL)(
  `revocation across instances (${dialect}, needs TEST_REDIS_URL)`,
  () => {
    it('a logout on instance A stops the access token on instance B', async () => {
      const session = signedFrom(await login(a, 'admin', ADMIN.password));
      expect((await me(b, session.accessToken)).statusCode).toBe(200);
      const out = await a.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(session.accessToken),
      });
      expect(out.statusCode).toBe(204);
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
      await a.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(session.accessToken),
      });
      const late = await createTestApp({ instanceOf: a });
      try {
        expect((await me(late, session.accessToken)).statusCode).toBe(401);
      } finally {
        await late.close();
      }
    });
  },
);
