import { vi } from 'vitest';
import type { ReactNode } from 'react';
import type { User } from '../api/types';
import { RequireAuth } from '../auth/guards';
import { fakeFetch, json, type FakeCall } from './fake-server';
import { renderApp } from './render-app';

type Handler = (call: FakeCall) => Response | Promise<Response>;

export const TEST_USER: User = {
  id: 'u1',
  username: 'ann',
  displayName: 'Ann Example',
  role: 'user',
  mfaEnabled: false,
  mustChangePassword: false,
  disabled: false,
  createdAt: '2026-01-01T00:00:00Z',
};

/**
 * Renders `element` at `path` for a signed-in user: the session resumes from a (fake) refresh
 * cookie as after a reload, then `GET /api/auth/me` answers `me()`. `handlers` answer the rest.
 * Undo with `vi.unstubAllGlobals()` and `clearSessionCookie()`.
 */
export function renderSignedIn(props: {
  path: string;
  element: ReactNode;
  me?: () => User;
  handlers?: Record<string, Handler>;
}) {
  document.cookie = 'enclave_csrf=test-csrf; path=/';
  const me = props.me ?? (() => TEST_USER);
  const server = fakeFetch({
    'POST /api/auth/refresh': () => json({ accessToken: 'token', expiresIn: 900 }),
    'GET /api/auth/me': () => json(me()),
    'GET /api/setup/status': () => json({ setupComplete: true }),
    ...props.handlers,
  });
  vi.stubGlobal('fetch', server.fetch);
  const router = renderApp(
    [
      { path: props.path, element: <RequireAuth>{props.element}</RequireAuth> },
      { path: '/login', element: <p>sign-in page</p> },
    ],
    props.path,
  );
  return { server, router };
}

export function clearSessionCookie() {
  document.cookie = 'enclave_csrf=; path=/; max-age=0';
}
