import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  type Device,
  type Scheme,
  type TestPage,
} from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

export const VIEWPORT = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
};

/** Light and dark, desktop and phone: the variants each screen is shown in. */
export const VARIANTS: [Scheme, Device][] = [
  ['light', 'desktop'],
  ['dark', 'desktop'],
  ['light', 'phone'],
  ['dark', 'phone'],
];

export async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

export interface BrowserSuite {
  server: E2eServer;
  browser: Browser;
  /** The suite's shared tab. */
  tab: TestPage;
}

/** Starts a fresh server and the browser side by side, and opens the suite's tab. */
export async function startBrowserSuite(
  options: { env?: Record<string, string> } = {},
): Promise<BrowserSuite> {
  const [server, browser] = await Promise.all([startE2eServer(options), launchBrowser()]);
  const tab = await openPage(browser, server.url);
  return { server, browser, tab };
}

/** For `afterAll`: closes whatever `beforeAll` got to start. */
export async function stopBrowserSuite(server?: E2eServer, browser?: Browser): Promise<void> {
  await browser?.close();
  await server?.stop();
}

/** For `afterEach`: the app ran under the server's CSP with nothing blocked, and threw nothing. */
export function expectCleanTab(tab: TestPage) {
  expect(tab.cspViolations).toEqual([]);
  expect(tab.pageErrors).toEqual([]);
}

/** Fills and submits the login form at `path`; the caller waits for what comes next. */
export async function submitLogin(
  page: Page,
  user: { username: string; password: string },
  path = '/login',
): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
