import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_PASSWORD, addUser, bearer, login, me, refresh } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

/**
 * Random sequences of sign-in, refresh, replay, logout, password change and concurrent
 * refreshes, run against the real API and checked against a model of what must hold: a
 * session has at most one live branch, and nothing of a revoked session works.
 */

const USERNAME = 'model-user';
const OTHER_PASSWORD = 'the other long passphrase';

interface ModelSession {
  alive: boolean;
  accessTokens: string[];
  refreshTokens: { token: string; used: boolean }[];
}

type Op =
  | { kind: 'login' }
  | { kind: 'refresh'; pick: number }
  | { kind: 'replay'; pick: number }
  | { kind: 'concurrentRefresh'; pick: number }
  | { kind: 'logout'; pick: number }
  | { kind: 'changePassword'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'login' }),
  fc.nat().map<Op>((pick) => ({ kind: 'refresh', pick })),
  fc.nat().map<Op>((pick) => ({ kind: 'replay', pick })),
  fc.nat().map<Op>((pick) => ({ kind: 'concurrentRefresh', pick })),
  fc.nat().map<Op>((pick) => ({ kind: 'logout', pick })),
  fc.nat().map<Op>((pick) => ({ kind: 'changePassword', pick })),
);

let t: TestApp;
let password = USER_PASSWORD;
let address = 0;
const nextAddress = () => `10.77.${Math.floor(address / 250) % 250}.${(address++ % 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, USERNAME);
});
afterAll(() => t.close());

async function run(ops: Op[]): Promise<void> {
  const sessions: ModelSession[] = [];
  const pickSession = (pick: number) => sessions[pick % Math.max(sessions.length, 1)];
  const pickToken = (session: ModelSession, pick: number, used: boolean) => {
    const candidates = session.refreshTokens.filter((r) => r.used === used);
    return candidates[pick % Math.max(candidates.length, 1)];
  };

  for (const step of ops) {
    if (step.kind === 'login') {
      const response = await login(t, USERNAME, password, {}, nextAddress());
      expect(response.statusCode).toBe(200);
      const body = response.json<{ accessToken: string; refreshToken: string }>();
      sessions.push({
        alive: true,
        accessTokens: [body.accessToken],
        refreshTokens: [{ token: body.refreshToken, used: false }],
      });
      continue;
    }
    const session = pickSession(step.pick);
    if (!session) continue;

    if (step.kind === 'refresh' || step.kind === 'replay') {
      const entry = pickToken(session, step.pick, step.kind === 'replay');
      if (!entry) continue;
      const response = await refresh(t, entry.token);
      if (session.alive && !entry.used) {
        expect(response.statusCode).toBe(200);
        entry.used = true;
        const body = response.json<{ accessToken: string; refreshToken: string }>();
        session.accessTokens.push(body.accessToken);
        session.refreshTokens.push({ token: body.refreshToken, used: false });
      } else {
        expect(response.statusCode).toBe(401);
        session.alive = false; // a replay revokes; a dead session stays dead
      }
    } else if (step.kind === 'concurrentRefresh') {
      const entry = pickToken(session, step.pick, false);
      if (!entry) continue;
      const answers = await Promise.all([refresh(t, entry.token), refresh(t, entry.token)]);
      const won = answers.filter((a) => a.statusCode === 200);
      expect(won.length).toBeLessThanOrEqual(1);
      entry.used = true;
      for (const answer of won) {
        const body = answer.json<{ accessToken: string; refreshToken: string }>();
        session.accessTokens.push(body.accessToken);
        session.refreshTokens.push({ token: body.refreshToken, used: false });
      }
      // Two presentations of one token: the second is a reuse, so the session is revoked.
      session.alive = false;
    } else if (step.kind === 'logout') {
      const token = session.accessTokens.at(-1) ?? '';
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(token),
      });
      expect(response.statusCode).toBe(session.alive ? 204 : 401);
      session.alive = false;
    } else {
      const token = session.accessTokens.at(-1) ?? '';
      const next = password === USER_PASSWORD ? OTHER_PASSWORD : USER_PASSWORD;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        remoteAddress: nextAddress(),
        headers: bearer(token),
        payload: { currentPassword: password, newPassword: next },
      });
      if (session.alive) {
        expect(response.statusCode).toBe(204);
        password = next;
        for (const other of sessions) if (other !== session) other.alive = false;
      } else {
        expect(response.statusCode).toBe(401);
      }
    }

    // What must hold after every step.
    for (const s of sessions) {
      const live = s.refreshTokens.filter((r) => !r.used);
      if (s.alive) {
        expect(live.length).toBeLessThanOrEqual(1);
        expect((await me(t, s.accessTokens.at(-1) ?? '')).statusCode).toBe(200);
      } else {
        for (const token of s.accessTokens) expect((await me(t, token)).statusCode).toBe(401);
      }
    }
  }
}

describe(`sessions against a model (${dialect})`, () => {
  it('at most one live branch per session; nothing usable after revocation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) =>
        run([{ kind: 'login' }, ...ops]),
      ),
      { numRuns: 20 },
    );
  }, 120_000);
});
