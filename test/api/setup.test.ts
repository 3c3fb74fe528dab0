import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../../src/features/setup/setup-code.js';
import { ADMIN, bearer } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
afterEach(() => t?.close());

const setup = (payload: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/setup', payload, remoteAddress });

describe(`first-run setup (${dialect})`, () => {
  it('reports setup incomplete, then creates the first admin with a token pair', async () => {
    t = await createTestApp();
    const code = ensureSetupCode(t.dataDir);
    expect(statSync(path.join(t.dataDir, 'setup-code')).mode & 0o777).toBe(0o600);
    const before = await t.app.inject({ method: 'GET', url: '/api/setup/status' });
    expect(before.json()).toEqual({
      setupComplete: false,
      instanceName: 'Enclave',
      language: 'en',
    });

    const response = await setup({ setupCode: code, ...ADMIN, displayName: 'The Admin' });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ user: Record<string, unknown>; accessToken: string }>();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', displayName: 'The Admin' });
    expect(body.user).not.toHaveProperty('passwordHash');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(body.accessToken),
    });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'admin' });

    const after = await t.app.inject({ method: 'GET', url: '/api/setup/status' });
    expect(after.json()).toEqual({ setupComplete: true, instanceName: 'Enclave', language: 'en' });
    expect(existsSync(path.join(t.dataDir, 'setup-code'))).toBe(false);
  });

  it('refuses a wrong code with 403 and creates nothing', async () => {
    t = await createTestApp();
    ensureSetupCode(t.dataDir);
    const response = await setup({ setupCode: 'AAAA-BBBB-CCCC-DDDD', ...ADMIN });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'invalid_setup_code' });
    const status = await t.app.inject({ method: 'GET', url: '/api/setup/status' });
    expect(status.json()).toMatchObject({ setupComplete: false });
  });

  it('kills the code once the first admin exists', async () => {
    t = await createTestApp();
    const code = ensureSetupCode(t.dataDir);
    expect((await setup({ setupCode: code, ...ADMIN })).statusCode).toBe(201);
    const again = await setup({ setupCode: code, username: 'second', password: ADMIN.password });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ code: 'setup_complete' });
  });

  it('of concurrent setups with the right code, exactly one succeeds', async () => {
    t = await createTestApp();
    const code = ensureSetupCode(t.dataDir);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        setup({ setupCode: code, username: `admin${i}`, password: ADMIN.password }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(5);
    const users = await t.database.db.selectFrom('users').select('role').execute();
    expect(users).toEqual([{ role: 'admin' }]);
  });

  it('refuses a weak password and unknown fields', async () => {
    t = await createTestApp();
    const code = ensureSetupCode(t.dataDir);
    const weak = await setup({ setupCode: code, username: 'admin', password: 'password12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });
    const extra = await setup({ setupCode: code, ...ADMIN, role: 'user' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('tells the sign-in page the instance name and language, as the environment fixes them', async () => {
    t = await createTestApp({ env: { ENCLAVE_INSTANCE_NAME: 'Lab box', ENCLAVE_LANGUAGE: 'de' } });
    const status = await t.app.inject({ method: 'GET', url: '/api/setup/status' });
    expect(status.json()).toEqual({
      setupComplete: false,
      instanceName: 'Lab box',
      language: 'de',
    });
  });
});
