import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import { fakeFetch, json, problem, type FakeCall } from '../../test/fake-server';
import { renderApp } from '../../test/render-app';
import { LoginPage } from './LoginPage';

const USER = {
  id: 'u1',
  username: 'ann',
  displayName: 'Ann',
  role: 'user',
  mfaEnabled: true,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00Z',
};

function start(login: (call: FakeCall) => Response) {
  const server = fakeFetch({
    'GET /api/setup/status': () => json({ setupComplete: true }),
    'POST /api/auth/login': login,
  });
  vi.stubGlobal('fetch', server.fetch);
  renderApp(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/chat', element: <p>the chat</p> },
    ],
    '/login',
  );
  return server;
}

async function signIn(password = 'a long pass phrase') {
  await userEvent.type(await screen.findByLabelText('Username'), 'ann');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('<LoginPage>', () => {
  beforeEach(() => tokens.set(null));
  afterEach(() => vi.unstubAllGlobals());

  it('says when the username or password is wrong', async () => {
    start(() => problem(401, 'invalid_credentials'));
    await signIn('wrong password!');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
  });

  it('shows the wait from Retry-After and keeps sign-in disabled meanwhile', async () => {
    start(() => problem(429, 'rate_limited', 'Too many requests', { 'retry-after': '30' }));
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', true);
  });

  it('asks for the authenticator code when the account has MFA, then signs in', async () => {
    const server = start(({ body }) =>
      (body as { totp?: string }).totp === '123456'
        ? json({ accessToken: 'token', expiresIn: 900, user: USER })
        : problem(401, 'mfa_required'),
    );
    await signIn();
    await userEvent.type(await screen.findByLabelText('Authentication code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('the chat')).toBeTruthy();
    const logins = server.calls.filter((call) => call.path === '/api/auth/login');
    expect(logins[1]?.body).toEqual({
      username: 'ann',
      password: 'a long pass phrase',
      totp: '123456',
    });
    // The refresh token goes into the httpOnly cookie, never to the page.
    expect(logins[1]?.headers.get('x-enclave-refresh-transport')).toBe('cookie');
    expect(tokens.get()?.token).toBe('token');
  });
});
