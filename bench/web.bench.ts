/**
 * `npm run bench:web`: what the web UI costs a browser.
 *
 * 1. Bundle sizes of the production build in dist/web: the initial JavaScript and CSS that
 *    index.html loads (gzip -9, as a server or proxy would send them), against the 250 KB
 *    target, and the lazy chunks for reference.
 * 2. In Debian's Chromium, the time from navigation to an interactive chat page on a local
 *    server (`node dist/main.js` on a fresh data dir, simulator upstream): a signed-in browser
 *    opens /chat and waits until the message box can be typed in. Cold: a new browser context
 *    (empty HTTP cache, same session cookie); warm: the same context again. Median of rounds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import {
  PASSWORD,
  chatEnv,
  spawnSimulator,
  startChatEnclave,
  type ChatEnclave,
} from './lib/chat-setup.js';
import { urlOf } from './lib/enclave.js';
import { REPO_ROOT, stopServer } from './lib/processes.js';
import { fixed, median, table, verdict } from './lib/stats.js';

const INITIAL_JS_TARGET_KB = 250;
const ROUNDS = 7;
const WEB_ROOT = path.join(REPO_ROOT, 'dist/web');

interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function assetOf(relative: string): Asset {
  const content = readFileSync(path.join(WEB_ROOT, relative));
  return {
    file: relative,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
  };
}

/** The scripts, module preloads and stylesheets index.html makes the browser fetch at once. */
function initialAssets(): { js: Asset[]; css: Asset[] } {
  const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  const refs = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/^\//, ''));
  const js = [
    ...refs(/<script[^>]+src="([^"]+\.js)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  const css = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  return { js: [...new Set(js)].map(assetOf), css: [...new Set(css)].map(assetOf) };
}

const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;

function reportBundle(): number {
  const { js, css } = initialAssets();
  const initial = new Set([...js, ...css].map((asset) => asset.file));
  const lazy = readdirSync(path.join(WEB_ROOT, 'assets'))
    .map((file) => `assets/${file}`)
    .filter((file) => !initial.has(file) && /\.(js|css)$/.test(file))
    .map(assetOf);
  const rows = [...js, ...css, ...lazy].map((asset) => [
    asset.file,
    initial.has(asset.file) ? 'initial' : 'lazy',
    kb(asset.bytes),
    kb(asset.gzipBytes),
  ]);
  console.log(table(['file', 'loaded', 'raw', 'gzip'], rows));
  return js.reduce((sum, asset) => sum + asset.gzipBytes, 0);
}

async function signedInState(browser: Browser, enclave: ChatEnclave) {
  const context = await browser.newContext({ baseURL: urlOf(enclave.server, '') });
  const page = await context.newPage();
  await page.goto('/login?next=%2Fchat');
  await page.getByLabel('Username').fill('bench');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Navigation to a message box that takes input, in ms. */
async function timeToInteractiveChat(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  const started = performance.now();
  await page.goto('/chat');
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.waitFor();
  await box.fill('ready?');
  const elapsed = performance.now() - started;
  await page.close();
  return elapsed;
}

async function main(): Promise<void> {
  console.log('Building when stale…');
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });

  console.log('\n=== Bundle (dist/web, gzip -9) ===');
  const initialJsBytes = reportBundle();

  const workDir = mkdtempSync(path.join(tmpdir(), 'enclave-bench-web-'));
  const simulator = await spawnSimulator(workDir);
  let enclave: ChatEnclave | null = null;
  let browser: Browser | null = null;
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    enclave = await startChatEnclave({ name: 'enclave', workDir, env: chatEnv(simulator) });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // Refresh tokens are single use: each context boots with the cookie the last one left.
    let storageState = await signedInState(browser, enclave);
    const baseURL = urlOf(enclave.server, '');
    for (let round = 0; round <= ROUNDS; round++) {
      const context = await browser.newContext({ baseURL, storageState });
      const first = await timeToInteractiveChat(context);
      const second = await timeToInteractiveChat(context);
      storageState = await context.storageState();
      await context.close();
      if (round === 0) continue; // warm-up: the server's and Chromium's first time
      cold.push(first);
      warm.push(second);
      console.log(`round ${round}: cold ${fixed(first, 0)} ms, warm ${fixed(second, 0)} ms`);
    }
  } finally {
    await browser?.close();
    if (enclave) await stopServer(enclave.server);
    await stopServer(simulator);
    rmSync(workDir, { recursive: true, force: true });
  }

  const initialKb = initialJsBytes / 1024;
  console.log('\n=== Summary ===');
  console.log(
    table(
      ['figure', 'value', 'target', 'verdict'],
      [
        [
          'initial JavaScript (gzip)',
          `${fixed(initialKb, 1)} KB`,
          `≤ ${INITIAL_JS_TARGET_KB} KB`,
          verdict(initialKb <= INITIAL_JS_TARGET_KB),
        ],
        [
          'navigation → interactive chat page, cold cache (median)',
          `${fixed(median(cold), 0)} ms (rounds ${cold.map((v) => fixed(v, 0)).join(' ')})`,
          'reported',
          '',
        ],
        [
          'navigation → interactive chat page, warm cache (median)',
          `${fixed(median(warm), 0)} ms (rounds ${warm.map((v) => fixed(v, 0)).join(' ')})`,
          'reported',
          '',
        ],
      ],
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
