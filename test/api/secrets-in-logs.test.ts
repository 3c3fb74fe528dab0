import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../../src/features/setup/setup-code.js';
import { bearer, login, refresh } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

const PASSWORD = 'planted-password-7c1e-long';
const NEW_PASSWORD = 'planted-new-password-93ab';
let t: TestApp;
const planted: string[] = [PASSWORD, NEW_PASSWORD];

beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'trace' } });
});
afterAll(() => t.close());

describe(`secrets in every account flow (${dialect})`, () => {
  it('never reach the log or the audit trail', async () => {
    const setupCode = ensureSetupCode(t.dataDir);
    planted.push(setupCode);
    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'user-agent': 'planted-agent-check' },
      payload: { setupCode, username: 'admin', password: PASSWORD },
    });
    expect(setup.statusCode).toBe(201);
    const { accessToken, refreshToken } = setup.json<{
      accessToken: string;
      refreshToken: string;
    }>();
    planted.push(accessToken, refreshToken);

    await login(t, 'admin', 'planted-wrong-password-55');
    planted.push('planted-wrong-password-55');
    const refreshed = await refresh(t, refreshToken);
    const next = refreshed.json<{ accessToken: string; refreshToken: string }>();
    planted.push(next.accessToken, next.refreshToken);
    await refresh(t, refreshToken); // a replay, audited

    const key = await t.app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: bearer(next.accessToken),
      payload: { name: 'k', scopes: ['chat'] },
    });
    const apiKey = key.json<{ key: string }>().key;
    planted.push(apiKey);
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(apiKey) });

    const session = await login(t, 'admin', PASSWORD);
    const token = session.json<{ accessToken: string }>().accessToken;
    planted.push(token);
    const mfa = await t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/setup',
      headers: bearer(token),
    });
    const secret = mfa.json<{ secret: string }>().secret;
    planted.push(secret);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enable',
      headers: bearer(token),
      payload: { totp: code },
    });
    planted.push(...enabled.json<{ recoveryCodes: string[] }>().recoveryCodes);

    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(token),
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });

    const audit = JSON.stringify(
      await t.database.db.selectFrom('audit_events').selectAll().execute(),
    );
    const logs = t.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    expect(audit).toContain('planted-agent-check');
    for (const value of planted) {
      expect(logs, 'log').not.toContain(value);
      expect(audit, 'audit').not.toContain(value);
    }
  });
});
