import { afterEach, describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/features/auth/passwords.js';
import {
  USER_PASSWORD,
  bearer,
  createUser,
  login,
  setUpAdmin,
  signedFrom,
  type Signed,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
afterEach(() => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, token?: string, payload?: Record<string, unknown>) =>
  t.app.inject({
    method,
    url,
    ...(token ? { headers: bearer(token) } : {}),
    ...(payload ? { payload } : {}),
  });

const me = (token: string) => call('GET', '/api/auth/me', token);
const patchUser = (token: string, id: string, payload: Record<string, unknown>) =>
  call('PATCH', `/api/admin/users/${id}`, token, payload);

async function apiKeyOf(user: Signed, scopes: string[] = ['chat']): Promise<string> {
  const response = await call('POST', '/api/keys', user.accessToken, { name: 'script', scopes });
  expect(response.statusCode).toBe(201);
  return response.json<{ key: string }>().key;
}

async function auditOf(action: string) {
  return t.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .execute();
}

async function activeAdmins(): Promise<number> {
  const rows = await t.database.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .execute();
  return rows.length;
}

describe(`admin user management (${dialect})`, () => {
  it('creates users and lists them newest first, page by page', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    for (const username of ['alice', 'bob', 'carol']) {
      const created = await call('POST', '/api/admin/users', admin.accessToken, {
        username,
        password: USER_PASSWORD,
        ...(username === 'carol' ? { role: 'admin', displayName: 'Carol C.' } : {}),
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).not.toHaveProperty('passwordHash');
    }
    const all = await call('GET', '/api/admin/users', admin.accessToken);
    expect(all.statusCode).toBe(200);
    const body = all.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
    expect(body.items.map((u) => u.username)).toEqual(['carol', 'bob', 'alice', 'admin']);
    expect(body.items[0]).toMatchObject({
      role: 'admin',
      displayName: 'Carol C.',
      disabled: false,
      mustChangePassword: false,
    });
    expect(body.items[1]).toMatchObject({ role: 'user', displayName: 'bob' });
    expect(body.nextCursor).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/argon2|password_hash|mfa_secret/);

    const first = await call('GET', '/api/admin/users?limit=3', admin.accessToken);
    const page1 = first.json<{ items: { username: string }[]; nextCursor: string }>();
    expect(page1.items.map((u) => u.username)).toEqual(['carol', 'bob', 'alice']);
    const second = await call(
      'GET',
      `/api/admin/users?limit=3&cursor=${page1.nextCursor}`,
      admin.accessToken,
    );
    expect(second.json()).toMatchObject({ items: [{ username: 'admin' }], nextCursor: null });

    expect(
      (await auditOf('user.create')).map((e) => JSON.parse(e.details) as unknown),
    ).toContainEqual({
      username: 'carol',
      role: 'admin',
    });
    expect(JSON.stringify(await auditOf('user.create'))).not.toContain(USER_PASSWORD);
  });

  it('refuses a taken username (in any case), a weak password, bad paging and unknown fields', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const create = (payload: Record<string, unknown>) =>
      call('POST', '/api/admin/users', admin.accessToken, payload);
    expect((await create({ username: 'alice', password: USER_PASSWORD })).statusCode).toBe(201);

    const taken = await create({ username: 'ALICE', password: USER_PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'username_taken' });
    const weak = await create({ username: 'bob', password: 'password12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });
    for (const payload of [
      { username: 'bob', password: USER_PASSWORD, mustChangePassword: false },
      { username: 'bob', password: USER_PASSWORD, role: 'root' },
      { username: 'bob', password: USER_PASSWORD, displayName: '   ' },
      { username: 'b o b', password: USER_PASSWORD },
    ]) {
      const response = await create(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    for (const query of ['limit=0', 'limit=201', 'limit=ten', 'page=2']) {
      const response = await call('GET', `/api/admin/users?${query}`, admin.accessToken);
      expect(response.statusCode).toBe(400);
    }
    const users = await t.database.db.selectFrom('users').select('username').execute();
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'alice']);
  });

  it('of concurrent creations with one username, exactly one succeeds', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        call('POST', '/api/admin/users', admin.accessToken, {
          username: 'twin',
          password: USER_PASSWORD,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('gives a user 403 on every admin route, and an anonymous caller 401', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'mallory');
    const routes: [Method, string, Record<string, unknown>?][] = [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', { username: 'eve', password: USER_PASSWORD, role: 'admin' }],
      ['PATCH', `/api/admin/users/${admin.userId}`, { disabled: true }],
      ['POST', `/api/admin/users/${admin.userId}/reset-password`],
      ['DELETE', `/api/admin/users/${admin.userId}`],
      ['GET', '/api/admin/settings'],
      ['PATCH', '/api/admin/settings', { registrationOpen: true }],
    ];
    for (const [method, url, payload] of routes) {
      const asUser = await call(method, url, user.accessToken, payload);
      expect(asUser.statusCode, `${method} ${url}`).toBe(403);
      expect(asUser.json()).toMatchObject({ code: 'forbidden' });
      expect((await call(method, url, undefined, payload)).statusCode).toBe(401);
    }
    // Nothing happened: the admin still works and no one was created.
    expect((await me(admin.accessToken)).json()).toMatchObject({ role: 'admin', disabled: false });
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(2);
  });

  it('lets no user raise their own role', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'mallory');
    const raise = await patchUser(user.accessToken, user.userId, { role: 'admin' });
    expect(raise.statusCode).toBe(403);
    const key = await apiKeyOf(user);
    expect((await patchUser(key, user.userId, { role: 'admin' })).statusCode).toBe(403);
    expect((await me(user.accessToken)).json()).toMatchObject({ role: 'user' });
  });

  it('changes a display name without ending any session, and refuses unknown fields', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'alice');
    const renamed = await patchUser(admin.accessToken, user.userId, { displayName: ' Alice A. ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: 'Alice A.', role: 'user' });
    expect((await me(user.accessToken)).statusCode).toBe(200);

    for (const payload of [
      {},
      { username: 'root' },
      { role: 'admin', mustChangePassword: false },
      { role: 'owner' },
      { disabled: 'maybe' },
    ]) {
      const response = await patchUser(admin.accessToken, user.userId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await me(user.accessToken)).json()).toMatchObject({ role: 'user' });
    expect((await auditOf('user.update')).map((e) => JSON.parse(e.details) as unknown)).toEqual([
      { username: 'alice', changed: ['displayName'], displayName: 'Alice A.' },
    ]);
  });

  it('disabling a user ends their access token, refresh token and API key at once', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'alice');
    const key = await apiKeyOf(user);
    expect((await me(key)).statusCode).toBe(200);

    const disabled = await patchUser(admin.accessToken, user.userId, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await me(user.accessToken)).statusCode).toBe(401);
    expect((await me(key)).statusCode).toBe(401);
    const refreshed = await call('POST', '/api/auth/refresh', undefined, {
      refreshToken: user.refreshToken,
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await login(t, 'alice', USER_PASSWORD)).statusCode).toBe(401);
    expect((await auditOf('user.update')).map((e) => JSON.parse(e.details) as unknown)).toEqual([
      { username: 'alice', changed: ['disabled'], disabled: true },
    ]);

    const enabled = await patchUser(admin.accessToken, user.userId, { disabled: false });
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect((await login(t, 'alice', USER_PASSWORD)).statusCode).toBe(200);
  });

  it('changing a role ends the user’s sessions at once and their keys carry the new role', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'alice');
    const promoted = await patchUser(admin.accessToken, user.userId, { role: 'admin' });
    expect(promoted.json()).toMatchObject({ role: 'admin' });
    // The old token still says `user`: it must not live on beside the new role.
    expect((await me(user.accessToken)).statusCode).toBe(401);

    const asAdmin = signedFrom(await login(t, 'alice', USER_PASSWORD));
    expect((await call('GET', '/api/admin/users', asAdmin.accessToken)).statusCode).toBe(200);
    const adminKey = await apiKeyOf(asAdmin, ['chat', 'admin']);
    expect((await call('GET', '/api/admin/users', adminKey)).statusCode).toBe(200);

    const demoted = await patchUser(admin.accessToken, user.userId, { role: 'user' });
    expect(demoted.json()).toMatchObject({ role: 'user' });
    expect((await me(asAdmin.accessToken)).statusCode).toBe(401);
    // The key's cached answer (with role admin) is dropped at once.
    const withKey = await call('GET', '/api/admin/users', adminKey);
    expect(withKey.statusCode).toBe(403);
    expect((await me(adminKey)).json()).toMatchObject({ role: 'user' });
  });

  it('deleting a user ends their token and API key at once; then the id is unknown', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'alice');
    const key = await apiKeyOf(user);
    expect((await me(key)).statusCode).toBe(200);

    const deleted = await call('DELETE', `/api/admin/users/${user.userId}`, admin.accessToken);
    expect(deleted.statusCode).toBe(204);
    expect((await me(user.accessToken)).statusCode).toBe(401);
    expect((await me(key)).statusCode).toBe(401);
    expect((await login(t, 'alice', USER_PASSWORD)).statusCode).toBe(401);
    const listed = await call('GET', '/api/admin/users', admin.accessToken);
    expect(listed.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toEqual([
      admin.userId,
    ]);
    expect(await auditOf('user.delete')).toMatchObject([
      { target_id: user.userId, actor_id: admin.userId },
    ]);

    for (const [method, url, payload] of [
      ['DELETE', `/api/admin/users/${user.userId}`],
      ['PATCH', `/api/admin/users/${user.userId}`, { displayName: 'x' }],
      ['POST', `/api/admin/users/${user.userId}/reset-password`],
      ['PATCH', '/api/admin/users/no-such-id', { disabled: true }],
    ] as [Method, string, Record<string, unknown>?][]) {
      const response = await call(method, url, admin.accessToken, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('resets a password: sessions end, the old password fails, the temporary one must be changed', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const other = await createUser(t, admin, 'bob', 'admin');
    const reset = await call(
      'POST',
      `/api/admin/users/${other.userId}/reset-password`,
      admin.accessToken,
    );
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expect(passwordProblem(temporaryPassword, 'bob')).toBeNull();
    expect((await me(other.accessToken)).statusCode).toBe(401);
    expect((await login(t, 'bob', USER_PASSWORD)).statusCode).toBe(401);

    const signedIn = await login(t, 'bob', temporaryPassword);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { mustChangePassword: true, role: 'admin' } });
    const pending = signedFrom(signedIn);
    for (const url of ['/api/admin/users', '/api/keys']) {
      const refused = await call('GET', url, pending.accessToken);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'password_change_required' });
    }
    const changed = await call('POST', '/api/auth/password', pending.accessToken, {
      currentPassword: temporaryPassword,
      newPassword: 'a brand new pass phrase',
    });
    expect(changed.statusCode).toBe(204);
    const after = await login(t, 'bob', 'a brand new pass phrase');
    expect(after.json()).toMatchObject({ user: { mustChangePassword: false } });
    const fresh = signedFrom(after);
    expect((await call('GET', '/api/admin/users', fresh.accessToken)).statusCode).toBe(200);

    // The temporary password is in the one answer only: not in the audit trail, not in the log.
    expect(await auditOf('user.reset_password')).toMatchObject([{ target_id: other.userId }]);
    const trail = await t.database.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(trail)).not.toContain(temporaryPassword);
    expect(t.logs.text).not.toContain(temporaryPassword);
    // A new one each time.
    const again = await call(
      'POST',
      `/api/admin/users/${other.userId}/reset-password`,
      admin.accessToken,
    );
    expect(again.json<{ temporaryPassword: string }>().temporaryPassword).not.toBe(
      temporaryPassword,
    );
  });

  it('never demotes, disables or deletes the last active admin', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    for (const [method, payload] of [
      ['PATCH', { role: 'user' }],
      ['PATCH', { disabled: true }],
      ['PATCH', { role: 'user', displayName: 'Former admin' }],
      ['DELETE'],
    ] as [Method, Record<string, unknown>?][]) {
      const response = await call(
        method,
        `/api/admin/users/${admin.userId}`,
        admin.accessToken,
        payload,
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(409);
      expect(response.json()).toMatchObject({ code: 'last_admin' });
    }
    expect((await me(admin.accessToken)).json()).toMatchObject({
      role: 'admin',
      disabled: false,
      displayName: 'admin',
    });

    // A disabled admin does not count: with the second one disabled, the first is still last.
    const second = await createUser(t, admin, 'second', 'admin');
    expect((await patchUser(admin.accessToken, second.userId, { disabled: true })).statusCode).toBe(
      200,
    );
    expect((await patchUser(admin.accessToken, admin.userId, { role: 'user' })).statusCode).toBe(
      409,
    );
    expect(
      (await patchUser(admin.accessToken, second.userId, { disabled: false })).statusCode,
    ).toBe(200);

    // With a second active admin, the first can go.
    const relogged = signedFrom(await login(t, 'second', USER_PASSWORD));
    expect((await patchUser(admin.accessToken, admin.userId, { disabled: true })).statusCode).toBe(
      200,
    );
    expect((await me(admin.accessToken)).statusCode).toBe(401);
    expect(
      (await call('DELETE', `/api/admin/users/${admin.userId}`, relogged.accessToken)).statusCode,
    ).toBe(204);
    // Now `second` is the last one.
    const self = await patchUser(relogged.accessToken, relogged.userId, { role: 'user' });
    expect(self.json()).toMatchObject({ code: 'last_admin' });
    expect(await activeAdmins()).toBe(1);
  });

  it('of concurrent demotions that would together remove every admin, one is refused', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    const others = [];
    for (const name of ['second', 'third', 'fourth']) {
      others.push(await createUser(t, admin, name, 'admin'));
    }
    const answers = await Promise.all([
      patchUser(admin.accessToken, admin.userId, { role: 'user' }),
      ...others.map((other, i) =>
        patchUser(admin.accessToken, other.userId, i % 2 ? { disabled: true } : { role: 'user' }),
      ),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 409]);
    expect(await activeAdmins()).toBe(1);
  });
});
