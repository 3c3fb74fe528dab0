import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RESULTS = path.join(ROOT, 'test-results');

export type Scheme = 'light' | 'dark';
export type Device = 'desktop' | 'phone';

const VIEWPORTS: Record<Device, { width: number; height: number }> = {
  desktop: { width: 1280, height: 800 },
  // The narrowest screen the UI promises to work on.
  phone: { width: 360, height: 740 },
};

/** Debian's Chromium (`apt-get install chromium`), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console messages about Content-Security-Policy violations (must stay empty). */
  cspViolations: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
}

/** A fresh context (own cookies and storage) with the given size and colour scheme. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { device?: Device; scheme?: Scheme; locale?: string } = {},
): Promise<TestPage> {
  const device = options.device ?? 'desktop';
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[device],
    colorScheme: options.scheme ?? 'light',
    locale: options.locale ?? 'en-US',
    isMobile: device === 'phone',
    hasTouch: device === 'phone',
  });
  // Fail fast: every page of the app answers well within this.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) cspViolations.push(text);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, cspViolations, pageErrors };
}

/** Saves `test-results/<name>-<scheme>-<device>.png`. */
export async function screenshot(page: Page, name: string, scheme: Scheme, device: Device) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({
    path: path.join(RESULTS, `${name}-${scheme}-${device}.png`),
    fullPage: true,
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page and returns its serious and critical violations. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag
 * would be inline, and the CSP rightly refuses it).
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      })),
    )
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
