import { afterEach, describe, expect, it } from 'vitest';
import { USER_PASSWORD, bearer, login, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
afterEach(() => t?.close());

const register = (payload: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/register', payload, remoteAddress });

const openRegistration = (admin: Signed, registrationOpen = true) =>
  t.app.inject({
    method: 'PATCH',
    url: '/api/admin/settings',
    headers: bearer(admin.accessToken),
    payload: { registrationOpen },
  });

const usernames = async () =>
  (await t.database.db.selectFrom('users').select('username').orderBy('username').execute()).map(
    (u) => u.username,
  );

describe(`registration (${dialect})`, () => {
  it('is closed by default: 403 and nothing created', async () => {
    t = await createTestApp();
    await setUpAdmin(t);
    const response = await register({ username: 'newbie', password: USER_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'registration_closed' });
    expect(await usernames()).toEqual(['admin']);
    expect((await login(t, 'newbie', USER_PASSWORD)).statusCode).toBe(401);
  });

  it('once an admin opens it, creates a user account and signs it in', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    expect((await openRegistration(admin)).statusCode).toBe(200);
    const response = await register({
      username: 'NewBie',
      password: USER_PASSWORD,
      displayName: 'New Bie',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{
      user: Record<string, unknown>;
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
    }>();
    expect(body.user).toMatchObject({
      username: 'newbie',
      displayName: 'New Bie',
      role: 'user',
      mustChangePassword: false,
      disabled: false,
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.expiresIn).toBe(900);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(body.accessToken),
    });
    expect(me.json()).toMatchObject({ username: 'newbie', role: 'user' });
    const admins = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: bearer(body.accessToken),
    });
    expect(admins.statusCode).toBe(403);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: body.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.register')
      .execute();
    expect(events).toMatchObject([
      { outcome: 'success', actor_id: body.user.id, actor_username: 'newbie' },
    ]);
    expect(JSON.stringify(events)).not.toContain(USER_PASSWORD);

    // Closed again, it refuses again.
    expect((await openRegistration(admin, false)).statusCode).toBe(200);
    const closed = await register({ username: 'latecomer', password: USER_PASSWORD });
    expect(closed.json()).toMatchObject({ code: 'registration_closed' });
  });

  it('lets nobody choose a role, and refuses taken names, weak passwords and unknown fields', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    await openRegistration(admin);
    for (const payload of [
      { username: 'eve', password: USER_PASSWORD, role: 'admin' },
      { username: 'eve', password: USER_PASSWORD, mustChangePassword: false },
      { username: 'eve', password: USER_PASSWORD, displayName: ' ' },
      { username: 'eve' },
    ]) {
      const response = await register(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const taken = await register({ username: 'Admin', password: USER_PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'username_taken' });
    const weak = await register({ username: 'eve', password: 'eve' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });
    expect(await usernames()).toEqual(['admin']);
  });

  it('of concurrent registrations with one username, exactly one succeeds', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    await openRegistration(admin);
    const answers = await Promise.all(
      ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((address) =>
        register({ username: 'twin', password: USER_PASSWORD }, address),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await usernames()).toEqual(['admin', 'twin']);
  });

  it('follows ENCLAVE_REGISTRATION_OPEN, but stays closed until setup is complete', async () => {
    t = await createTestApp({ env: { ENCLAVE_REGISTRATION_OPEN: 'true' } });
    // Before setup a stranger's account would end setup and leave the instance without admin.
    const early = await register({ username: 'stranger', password: USER_PASSWORD });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'registration_closed' });
    expect(await usernames()).toEqual([]);
    await setUpAdmin(t);
    const response = await register({ username: 'newbie', password: USER_PASSWORD });
    expect(response.statusCode).toBe(201);
  });

  it('stays closed with ENCLAVE_REGISTRATION_OPEN=false, whatever is stored', async () => {
    t = await createTestApp({ env: { ENCLAVE_REGISTRATION_OPEN: 'false' } });
    const admin = await setUpAdmin(t);
    expect((await openRegistration(admin)).statusCode).toBe(409);
    await t.database.db
      .insertInto('settings')
      .values({ key: 'registrationOpen', value: 'true' })
      .execute();
    const response = await register({ username: 'newbie', password: USER_PASSWORD });
    expect(response.json()).toMatchObject({ code: 'registration_closed' });
    expect(await usernames()).toEqual(['admin']);
  });

  it('charges attempts per address: slowed, then refused with 429', async () => {
    t = await createTestApp();
    await setUpAdmin(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await register({ username: `bot${i}`, password: USER_PASSWORD })).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 403));
    expect(statuses[10]).toBe(429);
    // Another address is not held up by this one.
    const other = await register({ username: 'someone', password: USER_PASSWORD }, '10.9.9.9');
    expect(other.statusCode).toBe(403);
  }, 20_000);
});
