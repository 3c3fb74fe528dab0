import type { Page } from 'playwright-core';
import type { E2eServer } from './server.js';
import { submitLogin } from './suite.js';

/** The first admin of a fresh server (created through the API: the wizard has its own test). */
export const CHAT_ADMIN = { username: 'ada', password: 'correct horse battery staple' };

/** Creates the first admin with the server's setup code; returns an access token. */
export async function setUpAdmin(server: E2eServer, admin = CHAT_ADMIN): Promise<string> {
  const response = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ setupCode: server.setupCode, ...admin }),
  });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Signs in through the login page and waits for the chat. */
export async function signIn(page: Page, user = CHAT_ADMIN): Promise<void> {
  await submitLogin(page, user, '/login?next=%2Fchat');
  await page.getByRole('heading', { name: 'New chat' }).waitFor();
}

/** An authenticated JSON call to the server, for arranging data quickly. */
export async function apiCall<T>(
  server: E2eServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}
