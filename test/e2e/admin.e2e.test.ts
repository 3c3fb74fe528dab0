import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, type TestPage } from './support/browser.js';
import { setUpAdmin } from './support/chat-user.js';
import { E2E_SKIPPED, type E2eServer } from './support/server.js';
import {
  VARIANTS,
  VIEWPORT,
  expectAccessible,
  expectCleanTab,
  startBrowserSuite,
  stopBrowserSuite,
  submitLogin,
} from './support/suite.js';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };
const MIA = { username: 'mia', password: 'another long pass phrase' };

async function signIn(page: Page, username: string, password: string) {
  await submitLogin(page, { username, password });
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Screenshots in light and dark, desktop and phone, on one page (one session, one tab). */
async function screenshots(page: Page, name: string) {
  for (const [scheme, device] of VARIANTS) {
    await page.setViewportSize(VIEWPORT[device]);
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, name, scheme, device);
    if (device === 'phone') {
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(360);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(VIEWPORT.desktop);
}

describe.skipIf(E2E_SKIPPED)(
  'administration in the browser (browser tests run on SQLite only)',
  () => {
    let server: E2eServer;
    let browser: Browser;
    let tab: TestPage;

    beforeAll(async () => {
      ({ server, browser, tab } = await startBrowserSuite({
        // A setting fixed by the environment, to see it shown locked.
        env: { ENCLAVE_INSTANCE_NAME: 'Locked Lab' },
      }));
      await setUpAdmin(server, ADMIN);
      await signIn(tab.page, ADMIN.username, ADMIN.password);
    });

    afterAll(() => stopBrowserSuite(server, browser));

    afterEach(() => expectCleanTab(tab));

    it('creates a user, who then cannot open the admin pages', async () => {
      const { page } = tab;
      await page.goto('/admin');
      await page.waitForURL(`${server.url}/admin/users`);
      await page.getByRole('button', { name: 'Create user' }).click();
      const form = page.getByRole('dialog', { name: 'Create a user' });
      await form.getByLabel('Username').fill(MIA.username);
      await form.getByLabel('Display name (optional)').fill('Mia Example');
      await form.getByLabel('Initial password').fill(MIA.password);
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Create user' }).click();
      await page.getByText('User mia created.').waitFor();
      const users = page.getByRole('list', { name: 'Users' });
      await users.getByText('Mia Example').waitFor();
      await expectAccessible(page);
      await screenshots(page, 'admin-users');

      const view = await openPage(browser, server.url);
      await signIn(view.page, MIA.username, MIA.password);
      expect(await view.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      for (const path of ['/admin/users', '/admin/status']) {
        await view.page.goto(path);
        await view.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      }
      const refused = await fetch(`${server.url}/api/admin/status`, {
        headers: { authorization: `Bearer ${await apiLogin(server.url, MIA)}` },
      });
      expect(refused.status).toBe(403);
      expect(view.pageErrors).toEqual([]);
      await view.context.close();
    });

    it('disables a user, resets their password once, and deletes them', async () => {
      const { page } = tab;
      await page.goto('/admin/users');
      await page.getByRole('button', { name: 'Edit mia' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit mia' });
      await edit.getByLabel('Account disabled').check();
      await edit.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Changes to mia saved.').waitFor();
      const row = page.getByRole('listitem').filter({ hasText: '@mia' });
      await row.getByText('Disabled').waitFor();

      await page.getByRole('button', { name: 'Reset password of mia' }).click();
      const reset = page.getByRole('dialog', { name: 'Reset the password of mia?' });
      await reset.getByRole('button', { name: 'Reset password' }).click();
      const shown = page.getByRole('dialog', { name: 'Temporary password for mia' });
      expect((await shown.getByLabel('Temporary password').inputValue()).length).toBeGreaterThan(8);
      await expectAccessible(page);
      await shown.getByRole('button', { name: 'Done' }).click();
      await row.getByText('Must change password').waitFor();

      await page.getByRole('button', { name: 'Delete mia' }).click();
      await page
        .getByRole('dialog', { name: 'Delete mia?' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await page.getByText('User mia deleted.').waitFor();
      await expect.poll(() => row.count()).toBe(0);
      // The admin's own row offers no way to delete or lock themselves out.
      expect(await page.getByRole('button', { name: 'Delete admin' }).count()).toBe(0);
    });

    it('opens registration and sets the default model; an environment setting is locked', async () => {
      const { page } = tab;
      await page.goto('/admin/general');
      const name = page.getByLabel('Instance name');
      await name.waitFor();
      expect(await name.isDisabled()).toBe(true);
      expect(await name.inputValue()).toBe('Locked Lab');
      await page.getByText(/Set by ENCLAVE_INSTANCE_NAME in the server environment/).waitFor();
      await page.getByLabel('Anyone may create an account').check();
      const model = page.getByLabel('Default model');
      await expect.poll(() => model.isEnabled()).toBe(true);
      await model.selectOption('sim-small');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Settings saved.').waitFor();
      const open = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'newcomer', password: 'a newcomer pass phrase' }),
      });
      expect(open.status).toBe(201);
      await screenshots(page, 'admin-general');
    });

    it('lists the providers, the environment one locked, and tests a connection', async () => {
      const { page } = tab;
      await page.goto('/admin/providers');
      const list = page.getByRole('list', { name: 'Providers' });
      await list.getByText(/Set by OLLAMA_URL/).waitFor();
      expect(await page.getByRole('button', { name: 'Remove Ollama' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Test connection to Ollama' }).click();
      await page.getByText('Connected: 2 models').waitFor();
      await expectAccessible(page);
      await screenshots(page, 'admin-providers');
    });

    it('filters the audit log by action and outcome', async () => {
      const { page } = tab;
      await page.goto('/admin/audit');
      const events = page.getByRole('list', { name: 'Events' });
      await events.getByRole('listitem').first().waitFor();
      await page.getByLabel('Action').selectOption('user.create');
      await page.waitForURL(/action=user\.create/);
      await expect.poll(() => events.getByRole('listitem').count()).toBe(1);
      expect(await events.innerText()).toContain('User created');
      expect(await events.innerText()).toContain('mia');
      await expectAccessible(page);
      await screenshots(page, 'admin-audit');

      await page.getByLabel('Outcome').selectOption('failure');
      await page.getByRole('heading', { name: 'No events match these filters' }).waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => events.getByRole('listitem').count()).toBeGreaterThan(5);
      expect(page.url()).toBe(`${server.url}/admin/audit`);
    });

    it('shows the upstream red while it refuses connections and green once it is back', async () => {
      const { page } = tab;
      await page.goto('/admin/status');
      const upstream = page.getByRole('listitem', { name: 'Model provider: Ollama' });
      await upstreamShows(page, 'OK');
      for (const check of [
        'Database',
        'Disk space of the data directory',
        'Memory',
        'Event loop',
      ]) {
        await page.getByRole('listitem', { name: check }).waitFor();
      }
      await page.getByText(/^Version/).waitFor();
      await expectAccessible(page);
      await screenshots(page, 'admin-status');

      await server.simulator.refuseConnections();
      try {
        await upstreamShows(page, 'Failing');
        expect(await upstream.innerText()).toContain('No answer');
        expect(await page.getByText('Something does not work').count()).toBe(1);
        await expectAccessible(page);
        await screenshot(page, 'admin-status-red', 'light', 'desktop');
      } finally {
        await server.simulator.resume();
      }
      await upstreamShows(page, 'OK');
    });
  },
);

/**
 * Presses "Check now" until the Ollama check shows `level`. One check usually does it; on a
 * loaded machine a listing slower than 1 s is rated "Warning", so it asks again.
 */
async function upstreamShows(page: Page, level: 'OK' | 'Failing') {
  const upstream = page.getByRole('listitem', { name: 'Model provider: Ollama' });
  const button = page.getByRole('button', { name: 'Check now' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    await button.click();
    // The button is busy while the status is asked for.
    await page.locator('button[aria-busy]').waitFor({ state: 'detached' });
    if ((await upstream.getByText(level, { exact: true }).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`the upstream never showed ${level}`);
    await page.waitForTimeout(500);
  }
}

async function apiLogin(
  url: string,
  account: { username: string; password: string },
): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
