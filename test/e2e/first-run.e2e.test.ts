import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, type TestPage } from './support/browser.js';
import { E2E_SKIPPED, type E2eServer } from './support/server.js';
import {
  VARIANTS,
  VIEWPORT,
  expectAccessible,
  expectCleanTab,
  startBrowserSuite,
  stopBrowserSuite,
} from './support/suite.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

describe.skipIf(E2E_SKIPPED)(
  'first run in the browser (browser tests run on SQLite only; skipped in the PostgreSQL pass)',
  () => {
    let server: E2eServer;
    let browser: Browser;
    let tab: TestPage;

    beforeAll(async () => {
      ({ server, browser, tab } = await startBrowserSuite());
    });

    afterAll(() => stopBrowserSuite(server, browser));

    afterEach(() => expectCleanTab(tab));

    it('shows the wizard on a new install, in light and dark, on desktop and phone', async () => {
      for (const [scheme, device] of VARIANTS) {
        const { page, context, cspViolations } = await openPage(browser, server.url, {
          scheme,
          device,
        });
        await page.goto('/');
        await page.getByRole('heading', { name: 'Enter the setup code' }).waitFor();
        expect(page.url()).toBe(`${server.url}/setup`);
        await screenshot(page, 'setup-code', scheme, device);
        if (device === 'phone') {
          const width = await page.evaluate<number>('document.documentElement.scrollWidth');
          expect(width).toBeLessThanOrEqual(360);
        }
        expect(cspViolations).toEqual([]);
        await context.close();
      }
    });

    it('takes the admin from the setup code to the chat, resuming after a reload', async () => {
      const { page } = tab;
      await page.goto('/');
      await page.getByRole('heading', { name: 'Enter the setup code' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Setup code').fill(server.setupCode);
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill('short');
      expect(await page.getByRole('list', { name: 'Password rules' }).innerText()).toContain(
        'At least 12 characters',
      );
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('Repeat the password').fill(ADMIN.password);
      await expectAccessible(page);
      await screenshot(page, 'setup-admin', 'light', 'desktop');
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.getByRole('heading', { name: 'Language and name' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Language and name' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Instance name').fill('Lab Enclave');
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Models' }).waitFor();
      await page
        .getByRole('button', { name: /Test connection to/ })
        .first()
        .click();
      await page.getByText(/Connected: 2 models/).waitFor();
      await page.getByRole('radio', { name: /sim-small/ }).check();
      await expectAccessible(page);
      await screenshot(page, 'setup-model', 'light', 'desktop');
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'All set' }).waitFor();
      const summary = await page.locator('dl').innerText();
      expect(summary).toContain('Lab Enclave');
      expect(summary).toContain('sim-small');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Start chatting' }).click();

      await page.waitForURL(`${server.url}/chat`);
      await page.getByRole('link', { name: 'Lab Enclave' }).waitFor();
      await expectAccessible(page);
    });

    it('keeps the admin signed in across a reload (the refresh cookie)', async () => {
      const { page } = tab;
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(page.url()).toBe(`${server.url}/chat`);
      const cookies = await tab.context.cookies();
      const refresh = cookies.find((cookie) => cookie.name === 'enclave_refresh');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
      // The access token is in memory only.
      const stored = await page.evaluate<string>(
        'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })',
      );
      expect(stored).not.toMatch(/eyJ/);
    });

    it('serves the app on a deep link of a client-side route', async () => {
      const { page } = tab;
      await page.goto('/chat/0190e6b8-0000-7000-8000-000000000000');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // One session, so one tab: a copied refresh cookie used twice would be a reuse.
      for (const [scheme, device] of VARIANTS) {
        await page.setViewportSize(VIEWPORT[device]);
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, 'chat-shell', scheme, device);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(VIEWPORT.desktop);
    });

    it('signs out and returns to sign-in, also after a reload', async () => {
      const { page } = tab;
      await page.goto('/chat');
      await page.getByRole('button', { name: /Account/ }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(page.url()).toContain('/login');
    });

    it('says so when the password is wrong', async () => {
      const { page } = tab;
      await page.goto('/login');
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Wrong username or password.',
      );
      await expectAccessible(page);
    });

    it('shows the sign-in page in light and dark, on desktop and phone', async () => {
      for (const [scheme, device] of VARIANTS) {
        const view = await openPage(browser, server.url, { scheme, device });
        await view.page.goto('/login');
        await view.page.getByRole('heading', { name: 'Sign in' }).waitFor();
        if (scheme === 'dark' && device === 'desktop') await expectAccessible(view.page);
        await screenshot(view.page, 'login', scheme, device);
        expect(view.cspViolations).toEqual([]);
        await view.context.close();
      }
    });

    it('shows "not allowed" to a user on an admin page', async () => {
      const token = await apiLogin(server.url, ADMIN.username, ADMIN.password);
      const created = await fetch(`${server.url}/api/admin/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mia', password: 'another long pass phrase' }),
      });
      expect(created.status).toBe(201);
      const { page } = tab;
      await page.goto('/login');
      await page.getByLabel('Username').fill('mia');
      await page.getByLabel('Password', { exact: true }).fill('another long pass phrase');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await page.goto('/admin');
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      await expectAccessible(page);
    });

    it('makes a user whose password was reset choose a new one before anything else', async () => {
      const token = await apiLogin(server.url, ADMIN.username, ADMIN.password);
      const users = (await (
        await fetch(`${server.url}/api/admin/users`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { items: { id: string; username: string }[] };
      const mia = users.items.find((user) => user.username === 'mia');
      const reset = await fetch(`${server.url}/api/admin/users/${mia?.id}/reset-password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };

      const { page } = tab;
      await page.goto('/login');
      await page.getByLabel('Username').fill('mia');
      await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await page.goto('/chat');
      await page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Current password').fill(temporaryPassword);
      await page.getByLabel('New password', { exact: true }).fill('a brand new pass phrase');
      await page.getByLabel('Repeat the new password').fill('a brand new pass phrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.waitForURL(`${server.url}/chat`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    });

    it('speaks German when chosen, and keeps the choice', async () => {
      const view = await openPage(browser, server.url);
      await view.page.goto('/login');
      await view.page.getByLabel('Language').selectOption('de');
      await view.page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      await view.page.reload();
      await view.page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      expect(await view.page.getAttribute('html', 'lang')).toBe('de');
      await view.context.close();
    });
  },
);

async function apiLogin(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
