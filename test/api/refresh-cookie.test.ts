import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../../src/features/setup/setup-code.js';
import {
  ADMIN,
  USER_PASSWORD,
  addUser,
  bearer,
  login,
  me,
  refresh,
  setUpAdmin,
  type Signed,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

const COOKIE_MODE = { 'x-enclave-refresh-transport': 'cookie' };
const SEVEN_DAYS_S = 7 * 24 * 60 * 60;
const REFRESH_COOKIE =
  /^enclave_refresh=([A-Za-z0-9_-]{43}); HttpOnly; SameSite=Strict; Path=\/api\/auth; Max-Age=(\d+)(; Secure)?$/;
const CSRF_COOKIE =
  /^enclave_csrf=([A-Za-z0-9_-]{43}); SameSite=Strict; Path=\/; Max-Age=(\d+)(; Secure)?$/;

interface CookieSession {
  accessToken: string;
  refresh: string;
  csrf: string;
}

function setCookies(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [header];
}

/** The two cookies of a cookie-transport answer, checked attribute by attribute. */
function sessionFrom(response: LightMyRequestResponse, secure = false): CookieSession {
  const [refreshCookie = '', csrfCookie = ''] = setCookies(response);
  const refreshMatch = REFRESH_COOKIE.exec(refreshCookie);
  const csrfMatch = CSRF_COOKIE.exec(csrfCookie);
  expect(refreshMatch, refreshCookie).not.toBeNull();
  expect(csrfMatch, csrfCookie).not.toBeNull();
  for (const match of [refreshMatch, csrfMatch]) {
    const maxAge = Number(match?.[2]);
    expect(maxAge).toBeGreaterThan(SEVEN_DAYS_S - 60);
    expect(maxAge).toBeLessThanOrEqual(SEVEN_DAYS_S);
    expect(match?.[3] !== undefined).toBe(secure);
  }
  const body = response.json<Record<string, unknown>>();
  expect(body).not.toHaveProperty('refreshToken');
  expect(typeof body.accessToken).toBe('string');
  return {
    accessToken: body.accessToken as string,
    refresh: refreshMatch?.[1] ?? '',
    csrf: csrfMatch?.[1] ?? '',
  };
}

function expectCleared(response: LightMyRequestResponse): void {
  expect(setCookies(response)).toEqual([
    'enclave_refresh=; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=0',
    'enclave_csrf=; SameSite=Strict; Path=/; Max-Age=0',
  ]);
}

let t: TestApp;
let admin: Signed;

const cookieLogin = (username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: COOKIE_MODE,
    payload: { username, password },
  });

/** A refresh as the web app sends it: no body, the cookies, and the CSRF header. */
const cookieRefresh = (
  session: Pick<CookieSession, 'refresh' | 'csrf'>,
  csrfHeader: string | null = session.csrf,
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    headers: {
      cookie: `enclave_refresh=${session.refresh}; enclave_csrf=${session.csrf}`,
      ...(csrfHeader === null ? {} : { 'x-csrf-token': csrfHeader }),
    },
  });

const post = (url: string, token: string) =>
  t.app.inject({ method: 'POST', url, headers: bearer(token) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t);
  await addUser(t, 'carol');
});
afterAll(() => t.close());

describe(`refresh-token cookie transport (${dialect})`, () => {
  it('sign-in with the header sets both cookies with exact attributes and no Secure over HTTP', async () => {
    const response = await cookieLogin('carol', USER_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ expiresIn: 900, user: { username: 'carol' } });
    const session = sessionFrom(response);
    expect(session.refresh).not.toBe(session.csrf);
    expect((await me(t, session.accessToken)).statusCode).toBe(200);
  });

  it('leaves clients without the header exactly as before: body token, no cookies', async () => {
    const response = await login(t, 'carol', USER_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(setCookies(response)).toEqual([]);
    const body = response.json<{ refreshToken: string }>();
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
    const refreshed = await refresh(t, body.refreshToken);
    expect(refreshed.statusCode).toBe(200);
    expect(setCookies(refreshed)).toEqual([]);
    expect(Object.keys(refreshed.json<object>()).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
    ]);
  });

  it('refreshes by cookie with the CSRF header, rotating both cookies', async () => {
    const first = sessionFrom(await cookieLogin('carol', USER_PASSWORD));
    const response = await cookieRefresh(first);
    expect(response.statusCode).toBe(200);
    const second = sessionFrom(response);
    expect(second.refresh).not.toBe(first.refresh);
    expect(second.csrf).not.toBe(first.csrf);
    expect((await me(t, second.accessToken)).statusCode).toBe(200);
    // An empty JSON body reads the cookie too.
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: {
        cookie: `enclave_refresh=${second.refresh}; enclave_csrf=${second.csrf}`,
        'x-csrf-token': second.csrf,
      },
      payload: {},
    });
    expect(third.statusCode).toBe(200);
    sessionFrom(third);
  });

  it('refuses a cookie refresh without or with a wrong X-CSRF-Token, and leaves the token unused', async () => {
    const session = sessionFrom(await cookieLogin('carol', USER_PASSWORD));
    for (const header of [null, '', 'wrong-token', `${session.csrf}x`]) {
      const response = await cookieRefresh(session, header);
      expect(response.statusCode, String(header)).toBe(403);
      expect(response.json()).toMatchObject({ code: 'csrf_failed' });
      expect(setCookies(response)).toEqual([]);
    }
    // A CSRF cookie the attacker cannot know does not help them either.
    const noCsrfCookie = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { cookie: `enclave_refresh=${session.refresh}`, 'x-csrf-token': '' },
    });
    expect(noCsrfCookie.json()).toMatchObject({ code: 'csrf_failed' });
    expect((await me(t, session.accessToken)).statusCode).toBe(200);
    expect((await cookieRefresh(session)).statusCode).toBe(200);
  });

  it('keeps the cookies and the CSRF token out of the log', async () => {
    const session = sessionFrom(await cookieLogin('carol', USER_PASSWORD));
    const next = sessionFrom(await cookieRefresh(session));
    await cookieRefresh(session, 'wrong-token');
    for (const secret of [session.refresh, session.csrf, next.refresh, next.csrf]) {
      expect(t.logs.text).not.toContain(secret);
    }
  });

  it('answers 401 invalid_refresh_token when there is neither a body token nor a cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { 'x-csrf-token': 'anything' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_refresh_token' });
  });

  it('rejects a replayed refresh cookie and revokes the session', async () => {
    const first = sessionFrom(await cookieLogin('carol', USER_PASSWORD));
    const second = sessionFrom(await cookieRefresh(first));
    const replay = await cookieRefresh(first);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'refresh_token_reused' });
    expectCleared(replay);
    expect((await me(t, second.accessToken)).statusCode).toBe(401);
    expect((await cookieRefresh(second)).json()).toMatchObject({
      code: 'invalid_refresh_token',
    });
  });

  it('moves a body refresh to the cookie transport when asked', async () => {
    const { refreshToken } = (await login(t, 'carol', USER_PASSWORD)).json<{
      refreshToken: string;
    }>();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: COOKIE_MODE,
      payload: { refreshToken },
    });
    expect(response.statusCode).toBe(200);
    const session = sessionFrom(response);
    expect((await cookieRefresh(session)).statusCode).toBe(200);
  });

  it('logout clears both cookies, whichever transport the client used', async () => {
    const cookieSession = sessionFrom(await cookieLogin('carol', USER_PASSWORD));
    const out = await post('/api/auth/logout', cookieSession.accessToken);
    expect(out.statusCode).toBe(204);
    expectCleared(out);
    expect((await cookieRefresh(cookieSession)).statusCode).toBe(401);

    const bodySession = (await login(t, 'carol', USER_PASSWORD)).json<{ accessToken: string }>();
    const bodyOut = await post('/api/auth/logout', bodySession.accessToken);
    expect(bodyOut.statusCode).toBe(204);
    expectCleared(bodyOut);
  });

  it('logout-all ends every session of the caller, clears the cookies and is audited', async () => {
    const dave = await addUser(t, 'dave');
    const other = (await login(t, 'dave', USER_PASSWORD)).json<{
      accessToken: string;
      refreshToken: string;
    }>();
    const web = sessionFrom(await cookieLogin('dave', USER_PASSWORD));
    const bystander = (await login(t, 'carol', USER_PASSWORD)).json<{ accessToken: string }>();

    const response = await post('/api/auth/logout-all', web.accessToken);
    expect(response.statusCode).toBe(204);
    expectCleared(response);
    for (const token of [dave.accessToken, other.accessToken, web.accessToken]) {
      expect((await me(t, token)).statusCode).toBe(401);
    }
    expect((await refresh(t, other.refreshToken)).statusCode).toBe(401);
    expect((await cookieRefresh(web)).statusCode).toBe(401);
    // Another user's sessions are untouched.
    expect((await me(t, bystander.accessToken)).statusCode).toBe(200);

    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=auth.logout_all',
      headers: bearer(admin.accessToken),
    });
    const events = audit.json<{ items: { outcome: string; actor: { id: string } | null }[] }>();
    expect(events.items.map((event) => [event.outcome, event.actor?.id])).toEqual([
      ['success', dave.userId],
    ]);
  });

  it('register with the header answers with cookies', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings',
      headers: bearer(admin.accessToken),
      payload: { registrationOpen: true },
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: COOKIE_MODE,
      payload: { username: 'erin', password: USER_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ user: { username: 'erin' } });
    expect((await cookieRefresh(sessionFrom(response))).statusCode).toBe(200);
  });
});

describe(`refresh-token cookies behind a TLS proxy (${dialect})`, () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => proxied.close());

  it('setup with the header over HTTPS from a trusted proxy sets Secure cookies', async () => {
    const response = await proxied.app.inject({
      method: 'POST',
      url: '/api/setup',
      remoteAddress: '127.0.0.1',
      headers: { ...COOKIE_MODE, 'x-forwarded-proto': 'https' },
      payload: { setupCode: ensureSetupCode(proxied.dataDir), ...ADMIN },
    });
    expect(response.statusCode).toBe(201);
    sessionFrom(response, true);
  });

  it('sets no Secure when X-Forwarded-Proto comes from an untrusted address', async () => {
    const response = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.20.30.40',
      headers: { ...COOKIE_MODE, 'x-forwarded-proto': 'https' },
      payload: ADMIN,
    });
    expect(response.statusCode).toBe(200);
    sessionFrom(response, false);
  });

  it('clears the cookies with Secure over HTTPS', async () => {
    const session = sessionFrom(
      await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...COOKIE_MODE, 'x-forwarded-proto': 'https' },
        payload: ADMIN,
      }),
      true,
    );
    const response = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...bearer(session.accessToken), 'x-forwarded-proto': 'https' },
    });
    expect(response.statusCode).toBe(204);
    expect(setCookies(response)).toEqual([
      'enclave_refresh=; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=0; Secure',
      'enclave_csrf=; SameSite=Strict; Path=/; Max-Age=0; Secure',
    ]);
  });
});
