import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/features/audit/audit.presenter.js';
import { recordAudit } from '../../src/features/audit/audit.js';
import { createUser } from '../../src/features/users/create-user.js';
import { newId } from '../../src/platform/ids.js';
import {
  ADMIN,
  USER_PASSWORD,
  bearer,
  login,
  setUpAdmin,
  signedFrom,
  type Signed,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
afterEach(() => t?.close());

interface Page {
  items: AuditRecord[];
  nextCursor: string | null;
}

const audit = (token: string, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/admin/audit${query}`, headers: bearer(token) });

async function page(token: string, query = ''): Promise<Page> {
  const response = await audit(token, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

/** An admin after setup, one failed sign-in and one successful one from a known client. */
async function adminWithHistory(): Promise<Signed> {
  await setUpAdmin(t);
  expect((await login(t, ADMIN.username, 'wrong password x')).statusCode).toBe(401);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: '10.1.2.3',
    headers: { 'user-agent': 'AuditTest/1.0 (test)' },
    payload: ADMIN,
  });
  expect(response.statusCode).toBe(200);
  return signedFrom(response);
}

/** A test event with chosen fields, written like every other (through recordAudit). */
const plant = (event: Partial<Parameters<typeof recordAudit>[2]> = {}) =>
  recordAudit(t.database.db, null, { action: 'test.event', outcome: 'success', ...event });

describe(`audit trail (${dialect})`, () => {
  it('shows setup and failed and successful sign-ins, newest first, with address and agent', async () => {
    t = await createTestApp();
    const admin = await adminWithHistory();
    const { items, nextCursor } = await page(admin.accessToken);
    expect(nextCursor).toBeNull();
    expect(items.map((item) => [item.action, item.outcome])).toEqual([
      ['auth.login', 'success'],
      ['auth.login', 'failure'],
      ['setup', 'success'],
    ]);
    const [success, failure, setup] = items;
    expect(success).toMatchObject({
      actor: { id: admin.userId, username: 'admin' },
      clientAddress: '10.1.2.3',
      userAgent: 'AuditTest/1.0 (test)',
      details: {},
    });
    expect(Date.parse(success?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(failure).toMatchObject({
      actor: { id: admin.userId, username: 'admin' },
      clientAddress: '127.0.0.1',
      details: { reason: 'invalid_credentials', username: 'admin' },
    });
    expect(setup).toMatchObject({ target: { type: 'user', id: admin.userId } });
  });

  it('filters by action, actor, target, outcome and time', async () => {
    t = await createTestApp();
    const admin = await adminWithHistory();
    const token = admin.accessToken;
    const actions = async (query: string) =>
      (await page(token, query)).items.map((item) => `${item.action}:${item.outcome}`);

    expect(await actions('?action=auth.login')).toEqual([
      'auth.login:success',
      'auth.login:failure',
    ]);
    expect(await actions('?outcome=failure')).toEqual(['auth.login:failure']);
    expect(await actions(`?actorId=${admin.userId}&outcome=success`)).toEqual([
      'auth.login:success',
      'setup:success',
    ]);
    expect(await actions(`?targetId=${admin.userId}`)).toEqual(['setup:success']);
    expect(await actions(`?actorId=${newId()}`)).toEqual([]);

    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const details = { scopes: ['chat', 'admin'], limits: { max: 3 }, note: null };
    await plant({ action: 'test.later', target: { type: 'api_key', id: null }, details });
    expect(await actions(`?from=${encodeURIComponent(between)}`)).toEqual(['test.later:success']);
    const [later] = (await page(token, '?action=test.later')).items;
    expect(later).toMatchObject({ actor: null, target: { type: 'api_key', id: null }, details });
    expect(await actions(`?to=${encodeURIComponent(between)}&action=setup`)).toEqual([
      'setup:success',
    ]);
    expect(await actions(`?to=${encodeURIComponent(between)}&action=test.later`)).toEqual([]);
    // Any offset is accepted and compared as the same instant.
    const offset = encodeURIComponent('2000-01-01T02:00:00+02:00');
    expect(await actions(`?to=${offset}`)).toEqual([]);
    expect((await actions(`?from=${offset}`)).length).toBe(4);
  });

  it('pages through more events than the limit, without gaps or repeats', async () => {
    t = await createTestApp();
    const admin = await adminWithHistory();
    for (let i = 0; i < 7; i += 1) await plant({ details: { n: i } });
    const all = (await page(admin.accessToken, '?limit=200')).items;
    expect(all).toHaveLength(10);
    expect(all.map((item) => item.id)).toEqual(
      all
        .map((item) => item.id)
        .sort()
        .reverse(),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const next = await page(admin.accessToken, query);
      expect(next.items.length).toBeLessThanOrEqual(3);
      seen.push(...next.items.map((item) => item.id));
      cursor = next.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((item) => item.id));

    const defaults = await page(admin.accessToken);
    expect(defaults.items).toHaveLength(10);
    const filtered = await page(admin.accessToken, '?action=test.event&limit=5');
    expect(filtered.items.map((item) => item.details)).toEqual([6, 5, 4, 3, 2].map((n) => ({ n })));
    const rest = await page(admin.accessToken, `?action=test.event&cursor=${filtered.nextCursor}`);
    expect(rest.nextCursor).toBeNull();
    expect(rest.items.map((item) => item.details)).toEqual([1, 0].map((n) => ({ n })));
  });

  it('refuses bad query parameters', async () => {
    t = await createTestApp();
    const admin = await setUpAdmin(t);
    for (const query of [
      '?limit=0',
      '?limit=201',
      '?outcome=maybe',
      '?from=yesterday',
      '?to=2026-01-01',
      '?actor=someone',
    ]) {
      const response = await audit(admin.accessToken, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('is for admins only: 401 without a token, 403 for a user', async () => {
    t = await createTestApp();
    await setUpAdmin(t);
    await createUser(t.database.db, { username: 'bob', password: USER_PASSWORD, role: 'user' });
    const bob = signedFrom(await login(t, 'bob', USER_PASSWORD));
    const refused = await audit(bob.accessToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect(refused.body).not.toContain('auth.login');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/audit' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('has no way to change or delete an event', async () => {
    t = await createTestApp();
    const admin = await adminWithHistory();
    const rows = () => t.database.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    const before = await rows();
    const id = before[0]?.id ?? '';
    for (const url of ['/api/admin/audit', `/api/admin/audit/${id}`]) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: bearer(admin.accessToken),
          payload: { action: 'forged', outcome: 'success', details: {} },
        });
        expect([404, 405], `${method} ${url}`).toContain(response.statusCode);
      }
    }
    expect(await rows()).toEqual(before);
  });

  it('never stores a password or token in an event', async () => {
    t = await createTestApp();
    const first = await setUpAdmin(t);
    const planted = 'planted-secret-password-123';
    expect((await login(t, ADMIN.username, planted)).statusCode).toBe(401);
    expect((await login(t, 'nobody-here', planted)).statusCode).toBe(401);
    const signed = signedFrom(await login(t, ADMIN.username, ADMIN.password));
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: signed.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    // Replaying the used refresh token is audited too.
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: signed.refreshToken },
    });

    const rows = await t.database.db.selectFrom('audit_events').selectAll().execute();
    expect(rows.map((row) => row.action)).toContain('auth.refresh_reuse');
    const text = JSON.stringify(rows);
    const secrets = [
      planted,
      ADMIN.password,
      first.accessToken,
      first.refreshToken,
      signed.accessToken,
      signed.refreshToken,
      refreshed.json<{ refreshToken: string }>().refreshToken,
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    // The reuse revoked the second session, so the first one reads the trail.
    const listed = await audit(first.accessToken);
    expect(listed.statusCode).toBe(200);
    for (const secret of secrets) expect(listed.body).not.toContain(secret);
  });
});
