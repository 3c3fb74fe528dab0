import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bearer, me, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
let admin: Signed;
beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t);
});
afterAll(() => t.close());

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
}

async function createKey(token: string, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(token), payload });
}

describe(`API keys (${dialect})`, () => {
  it('are shown once with the enc_ prefix, stored hashed, and listed without the key', async () => {
    const created = await createKey(admin.accessToken, { name: 'ci', scopes: ['chat'] });
    expect(created.statusCode).toBe(201);
    const body = created.json<CreatedKey>();
    expect(body.key).toMatch(/^enc_[A-Za-z0-9_-]{40,}$/);
    expect(body.key.startsWith(body.prefix)).toBe(true);

    const rows = await t.database.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(body.key);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/keys',
      headers: bearer(admin.accessToken),
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.key);
    expect(list.json<{ items: CreatedKey[] }>().items.map((k) => k.id)).toContain(body.id);
  });

  it('authenticate as their user, and record when they were last used', async () => {
    const { key, id } = (
      await createKey(admin.accessToken, { name: 'me', scopes: ['chat'] })
    ).json<CreatedKey>();
    const response = await me(t, key);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ username: 'admin' });
    const row = await t.database.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('outside their scope get 403 insufficient_scope', async () => {
    const { key } = (
      await createKey(admin.accessToken, { name: 'chat only', scopes: ['chat'] })
    ).json<CreatedKey>();
    const admin403 = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(key),
    });
    expect(admin403.statusCode).toBe(403);
    expect(admin403.json()).toMatchObject({ code: 'insufficient_scope' });
    // Key management is for a signed-in person, not for a key.
    const minting = await createKey(key, { name: 'more', scopes: ['chat'] });
    expect(minting.statusCode).toBe(403);
  });

  it('with the admin scope reach admin routes only for an admin', async () => {
    const { key } = (
      await createKey(admin.accessToken, { name: 'ops', scopes: ['admin'] })
    ).json<CreatedKey>();
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(key),
    });
    expect(audit.statusCode).toBe(200);
    const user = await addUser(t, 'keyless-user');
    const refused = await createKey(user.accessToken, { name: 'x', scopes: ['admin'] });
    expect(refused.statusCode).toBe(403);
  });

  it('stop working at once when revoked, even after being used (cached)', async () => {
    const { key, id } = (
      await createKey(admin.accessToken, { name: 'temp', scopes: ['chat'] })
    ).json<CreatedKey>();
    expect((await me(t, key)).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/keys/${id}`,
      headers: bearer(admin.accessToken),
    });
    expect(revoke.statusCode).toBe(204);
    expect((await me(t, key)).statusCode).toBe(401);
  });

  it('of another user answer 404 on revoke and keep working', async () => {
    const owner = await addUser(t, 'key-owner');
    const { key, id } = (
      await createKey(owner.accessToken, { name: 'mine', scopes: ['chat'] })
    ).json<CreatedKey>();
    const thief = await addUser(t, 'key-thief');
    const attempt = await t.app.inject({
      method: 'DELETE',
      url: `/api/keys/${id}`,
      headers: bearer(thief.accessToken),
    });
    expect(attempt.statusCode).toBe(404);
    expect((await me(t, key)).statusCode).toBe(200);
  });

  it('refuse expiry in the past, unknown scopes and unknown fields', async () => {
    for (const payload of [
      { name: 'old', scopes: ['chat'], expiresAt: '2001-01-01T00:00:00Z' },
      { name: 'bad', scopes: ['root'] },
      { name: 'none', scopes: [] },
      { name: 'extra', scopes: ['chat'], userId: admin.userId },
    ]) {
      const response = await createKey(admin.accessToken, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('that expired are refused', async () => {
    const { key, id } = (
      await createKey(admin.accessToken, { name: 'soon', scopes: ['chat'] })
    ).json<CreatedKey>();
    await t.database.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await me(t, key)).statusCode).toBe(401);
  });

  it('an unknown key is refused', async () => {
    expect((await me(t, `enc_${'x'.repeat(43)}`)).statusCode).toBe(401);
  });
});
