import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  USER_PASSWORD,
  addUser,
  bearer,
  login,
  me,
  refresh,
  setUpAdmin,
  signedFrom,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
});
afterAll(() => t.close());

describe(`sign-in (${dialect})`, () => {
  it('answers a token pair and the user, in the contract shape', async () => {
    const response = await login(t, 'ADMIN', ADMIN.password);
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ expiresIn: 900, user: { username: 'admin', role: 'admin' } });
    expect(Object.keys(body.user as object).sort()).toEqual(
      [
        'createdAt',
        'disabled',
        'displayName',
        'id',
        'mfaEnabled',
        'mustChangePassword',
        'role',
        'username',
      ].sort(),
    );
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('answers a wrong password and an unknown user exactly alike', async () => {
    const wrong = await login(t, 'admin', 'not the right password', {}, '10.1.0.1');
    const unknown = await login(t, 'nobody-here', 'not the right password', {}, '10.1.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined }) as unknown;
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it('slows, then refuses with 429 and Retry-After, repeated failures for one account', async () => {
    await addUser(t, 'target-user');
    const address = '10.2.0.1';
    const statuses: number[] = [];
    let last = await login(t, 'target-user', 'guess-000000', {}, address);
    statuses.push(last.statusCode);
    for (let i = 1; i < 11; i += 1) {
      last = await login(t, 'target-user', `guess-${i}-xxxxxx`, {}, address);
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.json()).toMatchObject({ code: 'rate_limited' });
    // Even the right password is refused from that address while the budget is spent...
    expect((await login(t, 'target-user', USER_PASSWORD, {}, address)).statusCode).toBe(429);
    // ...but the owner, elsewhere, can still sign in: one address cannot lock them out.
    expect((await login(t, 'target-user', USER_PASSWORD, {}, '10.2.0.99')).statusCode).toBe(200);
  }, 60_000);

  it('refuses unknown fields and wrong types without touching anything', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN.password, role: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });
});

describe(`refresh tokens (${dialect})`, () => {
  it('are single use: a refresh rotates the pair and the old token is refused', async () => {
    const first = signedFrom(await login(t, 'admin', ADMIN.password));
    const rotated = await refresh(t, first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json<{ accessToken: string; refreshToken: string }>();
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect((await me(t, next.accessToken)).statusCode).toBe(200);
  });

  it('reuse of a used refresh token revokes the whole session, access token included', async () => {
    const first = signedFrom(await login(t, 'admin', ADMIN.password));
    const second = (await refresh(t, first.refreshToken)).json<{
      accessToken: string;
      refreshToken: string;
    }>();
    const replay = await refresh(t, first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'refresh_token_reused' });
    expect((await me(t, second.accessToken)).statusCode).toBe(401);
    expect((await refresh(t, second.refreshToken)).statusCode).toBe(401);
  });

  it('of concurrent refreshes with one token, at most one succeeds', async () => {
    const first = signedFrom(await login(t, 'admin', ADMIN.password));
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => refresh(t, first.refreshToken)),
    );
    expect(answers.filter((a) => a.statusCode === 200).length).toBeLessThanOrEqual(1);
  });

  it('refuses an unknown refresh token', async () => {
    const response = await refresh(t, 'not-a-token');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_refresh_token' });
  });
});

describe(`sessions (${dialect})`, () => {
  it('logout stops the access token at once, and its refresh token', async () => {
    const session = signedFrom(await login(t, 'admin', ADMIN.password));
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(session.accessToken),
    });
    expect(out.statusCode).toBe(204);
    expect((await me(t, session.accessToken)).statusCode).toBe(401);
    expect((await refresh(t, session.refreshToken)).statusCode).toBe(401);
  });

  it('lists the caller’s sessions and ends one by id; another user’s id is 404', async () => {
    const alice = await addUser(t, 'alice-sessions');
    const other = signedFrom(await login(t, 'alice-sessions', USER_PASSWORD));
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/auth/sessions',
      headers: bearer(alice.accessToken),
    });
    const items = list.json<{ items: { id: string; current: boolean }[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const target = items.find((s) => !s.current);
    expect(target).toBeDefined();

    const bob = await addUser(t, 'bob-sessions');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${target?.id ?? ''}`,
      headers: bearer(bob.accessToken),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await me(t, other.accessToken)).statusCode).toBe(200);

    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${target?.id ?? ''}`,
      headers: bearer(alice.accessToken),
    });
    expect(ended.statusCode).toBe(204);
    expect((await me(t, other.accessToken)).statusCode).toBe(401);
    expect((await me(t, alice.accessToken)).statusCode).toBe(200);
  });

  it('a password change ends every other session but keeps this one', async () => {
    const carol = await addUser(t, 'carol-password');
    const otherDevice = signedFrom(await login(t, 'carol-password', USER_PASSWORD));
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(carol.accessToken),
      payload: { currentPassword: USER_PASSWORD, newPassword: 'a brand new long passphrase' },
    });
    expect(change.statusCode).toBe(204);
    expect((await me(t, otherDevice.accessToken)).statusCode).toBe(401);
    expect((await refresh(t, otherDevice.refreshToken)).statusCode).toBe(401);
    expect((await me(t, carol.accessToken)).statusCode).toBe(200);
    expect((await login(t, 'carol-password', USER_PASSWORD)).statusCode).toBe(401);
    expect((await login(t, 'carol-password', 'a brand new long passphrase')).statusCode).toBe(200);
  });

  it('a password change needs the current password and a policy-conforming new one', async () => {
    const dave = await addUser(t, 'dave-password');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(dave.accessToken),
      payload: { currentPassword: 'not it at all!!', newPassword: 'a brand new long passphrase' },
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(dave.accessToken),
      payload: { currentPassword: USER_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });
  });
});

describe(`protected routes (${dialect})`, () => {
  it('answer 401 without a token and with a malformed Authorization header', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer ' }]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
  });
});
