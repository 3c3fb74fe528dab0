import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type TestPage } from './support/browser.js';
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
const NEW_PASSWORD = 'a different horse battery staple';

describe.skipIf(E2E_SKIPPED)(
  'personal settings in the browser (browser tests run on SQLite only)',
  () => {
    let server: E2eServer;
    let browser: Browser;
    let tab: TestPage;

    beforeAll(async () => {
      ({ server, browser, tab } = await startBrowserSuite());
      await setUpAdmin(server, ADMIN);
      await submitLogin(tab.page, ADMIN);
      await tab.page.getByRole('navigation', { name: 'Main' }).waitFor();
    });

    afterAll(() => stopBrowserSuite(server, browser));

    afterEach(() => expectCleanTab(tab));

    it('shows each settings page accessibly, in light and dark, on desktop and phone', async () => {
      const { page } = tab;
      // [path, link in the section menu, heading on the page]
      const pages: [string, string, string][] = [
        ['profile', 'Profile', 'Profile'],
        ['security', 'Password and sign-in', 'Change password'],
        ['sessions', 'Sessions', 'Active sessions'],
        ['api-keys', 'API keys', 'API keys'],
        ['appearance', 'Appearance', 'Appearance and language'],
      ];
      await page.goto('/settings');
      await page.waitForURL(`${server.url}/settings/profile`);
      const sections = page.getByRole('navigation', { name: 'Settings sections' });
      for (const [path, link, heading] of pages) {
        await sections.getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        expect(page.url()).toBe(`${server.url}/settings/${path}`);
        await expectAccessible(page);
      }
      await page.goto('/settings/profile');
      await page.getByRole('heading', { name: 'Profile', exact: true }).waitFor();
      for (const [scheme, device] of VARIANTS) {
        await page.setViewportSize(VIEWPORT[device]);
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, 'settings-profile', scheme, device);
        if (device === 'phone') {
          const width = await page.evaluate<number>('document.documentElement.scrollWidth');
          expect(width).toBeLessThanOrEqual(360);
        }
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectAccessible(page);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(VIEWPORT.desktop);
    });

    it('renames yourself, and the user menu shows the new name at once', async () => {
      const { page } = tab;
      await page.goto('/settings/profile');
      const profile = page.getByRole('region', { name: 'Profile' });
      await profile.getByLabel('Display name').fill('Ada Admin');
      await profile.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Your display name was saved.').waitFor();
      await page.getByRole('button', { name: 'Account: Ada Admin' }).waitFor();
    });

    it('creates an API key shown once that works, and revokes it', async () => {
      const { page } = tab;
      await page.goto('/settings/api-keys');
      await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
      await page.getByRole('button', { name: 'Create key' }).click();
      const form = page.getByRole('dialog', { name: 'Create an API key' });
      await form.getByLabel('Name').fill('Build server');
      await form.getByLabel('Documents').check();
      await form.getByLabel('Expires').selectOption('30');
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Create key' }).click();

      const shown = page.getByRole('dialog', { name: 'Your new API key' });
      const key = await shown.getByLabel('API key').inputValue();
      expect(key).toMatch(/^enc_/);
      await expectAccessible(page);
      await screenshot(page, 'settings-api-key-created', 'light', 'desktop');
      const models = await fetch(`${server.url}/v1/models`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(models.status).toBe(200);
      await shown.getByRole('button', { name: 'Done' }).click();

      const list = page.getByRole('list', { name: 'API keys' });
      await list.getByText('Build server').waitFor();
      expect(await list.innerText()).toContain(key.slice(0, 8));
      expect(await list.innerText()).not.toContain(key);
      await page.getByRole('button', { name: 'Revoke the key Build server' }).click();
      await page
        .getByRole('dialog', { name: 'Revoke the key “Build server”?' })
        .getByRole('button', { name: 'Revoke' })
        .click();
      await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
      const refused = await fetch(`${server.url}/v1/models`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(refused.status).toBe(401);
    });

    it('lists the sessions, marks this one, and signs out another', async () => {
      const other = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' },
        body: JSON.stringify(ADMIN),
      });
      const { accessToken } = (await other.json()) as { accessToken: string };
      const { page } = tab;
      await page.goto('/settings/sessions');
      const list = page.getByRole('list', { name: 'Sessions' });
      await list.getByText('This device').waitFor();
      // The setup call, this browser and curl each opened one.
      const before = await list.getByRole('listitem').count();
      expect(before).toBe(3);
      expect(await list.getByText('This device').count()).toBe(1);
      await expectAccessible(page);
      await page.getByRole('button', { name: /^Sign out curl/ }).click();
      await page
        .getByRole('dialog', { name: 'Sign out this session?' })
        .getByRole('button', { name: 'Sign out' })
        .click();
      await page.getByText('The session was signed out.').waitFor();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(before - 1);
      expect(await list.getByText(/^curl/).count()).toBe(0);
      const me = await fetch(`${server.url}/api/auth/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(me.status).toBe(401);
    });

    it('changes the password and stays signed in', async () => {
      const { page } = tab;
      await page.goto('/settings/security');
      await page.getByLabel('Current password').fill(ADMIN.password);
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Your other sessions were signed out.').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Change password' }).waitFor();
      ADMIN.password = NEW_PASSWORD;
    });

    it('turns on two-step verification with a QR code, then signs in with a code', async () => {
      const { page } = tab;
      await page.goto('/settings/security');
      await page.getByRole('button', { name: 'Turn on' }).click();
      await page.getByRole('heading', { name: '1. Scan the QR code' }).waitFor();
      const qr = page.getByRole('img', { name: /QR code that adds admin/ });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect((await qr.boundingBox())?.width).toBeGreaterThan(150);
      const secret = (await page.getByLabel('Or enter this key by hand').inputValue()).replace(
        /\s/g,
        '',
      );
      const totp = new TOTP({ secret: Secret.fromBase32(secret) });
      await expectAccessible(page);
      await qr.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-mfa-setup', 'light', 'desktop');

      await page.getByLabel('Authentication code').fill(totp.generate());
      await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
      await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      expect(await codes.count()).toBe(10);
      await expectAccessible(page);
      await codes.first().scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-mfa-codes', 'light', 'desktop');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await page.getByText('On: sign-in asks for a code').waitFor();

      await page.getByRole('button', { name: /Account/ }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await submitLogin(page, ADMIN);
      await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
      // A code is accepted once per 30 s step: the next step's code, within the allowed skew.
      await page
        .getByLabel('Authentication code')
        .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.goto('/settings/profile');
      const profile = await page.getByRole('region', { name: 'Profile' }).innerText();
      expect(profile).toMatch(/Two-step verification\s+On/);
    });
  },
);
