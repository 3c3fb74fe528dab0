import type { LightMyRequestResponse } from 'fastify';
import { ensureSetupCode, readSetupCode } from '../../src/features/setup/setup-code.js';
import { createUser as insertUser } from '../../src/features/users/create-user.js';
import type { TestApp } from './test-app.js';

export const ADMIN = { username: 'admin', password: 'correct horse battery staple' };
export const USER_PASSWORD = 'another long pass phrase';

export interface Signed {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Runs first-run setup with the data dir's setup code and returns the admin's tokens. */
export async function setUpAdmin(t: TestApp): Promise<Signed> {
  const setupCode = readSetupCode(t.dataDir) ?? ensureSetupCode(t.dataDir);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { setupCode, ...ADMIN },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  return signedFrom(response);
}

export function signedFrom(response: LightMyRequestResponse): Signed {
  const body = response.json<{
    user: { id: string };
    accessToken: string;
    refreshToken: string;
  }>();
  return { userId: body.user.id, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

export async function login(
  t: TestApp,
  username: string,
  password: string,
  extra: Record<string, string> = {},
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password, ...extra },
  });
}

/** Creates a user through the admin API and signs them in. */
export async function createUser(
  t: TestApp,
  admin: Signed,
  username: string,
  role: 'admin' | 'user' = 'user',
): Promise<Signed> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/admin/users',
    headers: bearer(admin.accessToken),
    payload: { username, password: USER_PASSWORD, role },
  });
  if (created.statusCode !== 201) throw new Error(`create user failed: ${created.body}`);
  const response = await login(t, username, USER_PASSWORD);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return signedFrom(response);
}

/** Creates a user straight in the database (no admin API involved) and signs them in. */
export async function addUser(
  t: TestApp,
  username: string,
  role: 'admin' | 'user' = 'user',
): Promise<Signed> {
  await insertUser(t.database.db, { username, password: USER_PASSWORD, role });
  const response = await login(t, username, USER_PASSWORD);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return signedFrom(response);
}

export const refresh = (t: TestApp, refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

export const me = (t: TestApp, token: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
