import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, me, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
let admin: Signed;
let ann: Signed;
beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t);
  ann = await createUser(t, admin, 'ann');
});
afterAll(() => t.close());

const patchMe = (token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: bearer(token), payload });

describe(`changing your own profile (${dialect})`, () => {
  it('renames the caller, answers the user shape and records user.update_profile', async () => {
    const response = await patchMe(ann.accessToken, { displayName: '  Ann Example ' });
    expect(response.statusCode).toBe(200);
    const user = response.json<Record<string, unknown>>();
    expect(user).toMatchObject({ id: ann.userId, username: 'ann', displayName: 'Ann Example' });
    expect(Object.keys(user).sort()).toEqual(
      Object.keys((await me(t, ann.accessToken)).json<object>()).sort(),
    );

    const fetched = await me(t, ann.accessToken);
    expect(fetched.json()).toMatchObject({ displayName: 'Ann Example', role: 'user' });

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.update_profile')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: ann.userId, target_id: ann.userId });
  });

  it('does not record an event when the name stays the same', async () => {
    const response = await patchMe(ann.accessToken, { displayName: 'Ann Example' });
    expect(response.statusCode).toBe(200);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'user.update_profile')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('refuses empty, blank, too long and unknown fields with 400', async () => {
    for (const payload of [
      {},
      { displayName: '' },
      { displayName: '   ' },
      { displayName: 'x'.repeat(101) },
      { displayName: 'Ann', role: 'admin' },
      { username: 'someone-else' },
    ]) {
      const response = await patchMe(ann.accessToken, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await me(t, ann.accessToken)).json()).toMatchObject({
      displayName: 'Ann Example',
      role: 'user',
    });
  });

  it('refuses an API key with 403 insufficient_scope, and anyone signed out with 401', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: bearer(ann.accessToken),
      payload: { name: 'script', scopes: ['chat', 'documents'] },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json<{ key: string }>().key;
    const withKey = await patchMe(key, { displayName: 'Renamed by a script' });
    expect(withKey.statusCode).toBe(403);
    expect(withKey.json()).toMatchObject({ code: 'insufficient_scope' });

    const anonymous = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { displayName: 'Nobody' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await me(t, ann.accessToken)).json()).toMatchObject({ displayName: 'Ann Example' });
  });
});

describe(`reading your own profile right after a change (${dialect})`, () => {
  // GET /api/auth/me answers from recently read rows; any write to users must drop them.
  it('shows a rename by an admin at once', async () => {
    expect((await me(t, ann.accessToken)).statusCode).toBe(200);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${ann.userId}`,
      headers: bearer(admin.accessToken),
      payload: { displayName: 'Ann by the admin' },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await me(t, ann.accessToken)).json()).toMatchObject({
      displayName: 'Ann by the admin',
    });
  });

  it('shows a change written to the users table by any other code at once', async () => {
    expect((await me(t, ann.accessToken)).statusCode).toBe(200);
    await t.database.db
      .updateTable('users')
      .set({ display_name: 'Written elsewhere' })
      .where('id', '=', ann.userId)
      .execute();
    expect((await me(t, ann.accessToken)).json()).toMatchObject({
      displayName: 'Written elsewhere',
    });
  });
});
