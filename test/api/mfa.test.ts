import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  USER_PASSWORD,
  addUser,
  bearer,
  login,
  setUpAdmin,
  type Signed,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
});
afterAll(() => t.close());

const post = (token: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(token), payload });

const codeAt = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

async function enrol(signed: Signed): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await post(signed.accessToken, '/api/auth/mfa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Enclave:/);
  const enable = await post(signed.accessToken, '/api/auth/mfa/enable', {
    totp: codeAt(secret, -1),
  });
  expect(enable.statusCode).toBe(200);
  const { recoveryCodes } = enable.json<{ recoveryCodes: string[] }>();
  return { secret, recoveryCodes };
}

describe(`MFA (${dialect})`, () => {
  it('enrols with a code, then sign-in needs a second factor (401 mfa_required)', async () => {
    const erin = await addUser(t, 'erin-mfa');
    const { secret, recoveryCodes } = await enrol(erin);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const without = await login(t, 'erin-mfa', USER_PASSWORD);
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'mfa_required' });
    const wrongPassword = await login(t, 'erin-mfa', 'wrong password entirely');
    expect(wrongPassword.json()).toMatchObject({ code: 'invalid_credentials' });

    const withCode = await login(t, 'erin-mfa', USER_PASSWORD, { totp: codeAt(secret) });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json()).toMatchObject({ user: { mfaEnabled: true } });
  });

  it('a TOTP code cannot be replayed within its window', async () => {
    const fay = await addUser(t, 'fay-mfa');
    const { secret } = await enrol(fay);
    const code = codeAt(secret, 1);
    expect((await login(t, 'fay-mfa', USER_PASSWORD, { totp: code })).statusCode).toBe(200);
    const replay = await login(t, 'fay-mfa', USER_PASSWORD, { totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'invalid_mfa_code' });
  });

  it('recovery codes work once each', async () => {
    const gus = await addUser(t, 'gus-mfa');
    const { recoveryCodes } = await enrol(gus);
    const [first = ''] = recoveryCodes;
    expect((await login(t, 'gus-mfa', USER_PASSWORD, { recoveryCode: first })).statusCode).toBe(
      200,
    );
    const again = await login(t, 'gus-mfa', USER_PASSWORD, { recoveryCode: first });
    expect(again.statusCode).toBe(401);
  });

  it('a burst of 50 concurrent wrong codes mints no session and is cut off', async () => {
    const hal = await addUser(t, 'hal-mfa');
    const { secret } = await enrol(hal);
    const good = codeAt(secret);
    const wrong = Array.from({ length: 50 }, (_, i) =>
      String((Number(good) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const answers = await Promise.all(
      wrong.map((totp, i) => login(t, 'hal-mfa', USER_PASSWORD, { totp }, `10.9.${i}.1`)),
    );
    expect(answers.some((a) => a.statusCode === 200)).toBe(false);
    expect(answers.filter((a) => a.statusCode === 429).length).toBeGreaterThan(40);
    const sessions = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', hal.userId)
      .execute();
    expect(sessions).toHaveLength(1); // the one addUser opened before enrolment
  }, 60_000);

  it('disable needs the password and a code; then sign-in needs none', async () => {
    const ida = await addUser(t, 'ida-mfa');
    const { secret } = await enrol(ida);
    const noCode = await post(ida.accessToken, '/api/auth/mfa/disable', {
      password: USER_PASSWORD,
      totp: '000000',
    });
    expect(noCode.statusCode).toBe(401);
    const disable = await post(ida.accessToken, '/api/auth/mfa/disable', {
      password: USER_PASSWORD,
      totp: codeAt(secret, 1),
    });
    expect(disable.statusCode).toBe(204);
    expect((await login(t, 'ida-mfa', USER_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps the TOTP secret encrypted at rest', async () => {
    const jo = await addUser(t, 'jo-mfa');
    const { secret } = await enrol(jo);
    const row = await t.database.db
      .selectFrom('users')
      .select('mfa_secret')
      .where('id', '=', jo.userId)
      .executeTakeFirstOrThrow();
    expect(row.mfa_secret).toMatch(/^v\d+\./);
    expect(row.mfa_secret).not.toContain(secret);
  });
});
