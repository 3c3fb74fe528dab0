import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  type TestPage,
} from './support/browser.js';
import { setUpAdmin, signIn } from './support/chat-user.js';
import { E2E_SKIPPED, startE2eServer, type E2eServer } from './support/server.js';

/**
 * Hostile text in a message. The simulator's default reply echoes it ("Echo: …"), so each
 * payload is rendered twice: as the user's message (plain text) and as the model's answer
 * (Markdown). Markers name what would have run.
 */
const CORPUS = [
  `<script>window.__xss = 'script'</script>`,
  `<img src=x onerror="window.__xss = 'img'">`,
  `<svg onload="window.__xss = 'svg'"><circle r="5"/></svg>`,
  `<iframe src="https://evil.example/frame"></iframe>`,
  `<a href="javascript:window.__xss = 'raw-link'">raw link</a>`,
  `<style>body { display: none }</style>`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `<object data="https://evil.example/x.swf"></object>`,
  `[markdown link](javascript:window.__xss='md-link')`,
  `[alert link](javascript:alert(1))`,
  `[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[entity link](&#106;avascript:alert(1))`,
  `<javascript:alert(1)>`,
  `![remote image](https://evil.example/pixel.png)`,
  `![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)`,
  `![probe](/xss-probe.png)`,
  `[a safe link](https://example.org/safe)`,
].join('\n\n');

/** An answer the model writes itself, with the payloads inside Markdown constructs. */
const MODEL_REPLY = [
  '# Title <img src=x onerror=alert(1)>\n\n',
  'Inline `<script>alert(1)</script>` code and a [reference link][bad].\n\n',
  '```html\n<script>window.__xss = "code"</script>\n```\n\n',
  '> <iframe src="javascript:alert(1)"></iframe>\n\n',
  '<!-- <script>alert(1)</script> -->\n\n',
  '| cell |\n| --- |\n| <img src=x onerror=alert(1)> |\n\n',
  '[bad]: javascript:alert(1)\n',
];

interface Watch {
  dialogs: string[];
  offOrigin: string[];
  requests: string[];
}

function watch(page: Page, origin: string): Watch {
  const seen: Watch = { dialogs: [], offOrigin: [], requests: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    seen.requests.push(url);
    if (/^https?:/.test(url) && new URL(url).origin !== origin) seen.offOrigin.push(url);
  });
  return seen;
}

/** What ran, loaded or slipped into the conversation's DOM; all of it must stay empty. */
async function breaches(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const found = [];
    if (window.__xss !== undefined) found.push('window.__xss = ' + window.__xss);
    const scope = document.querySelectorAll('article, nav, h1');
    for (const root of scope) {
      for (const el of root.querySelectorAll('script, iframe, object, embed, style, link, svg:not([aria-hidden]), math, img')) {
        found.push('<' + el.localName + '> in ' + root.localName);
      }
      for (const el of root.querySelectorAll('*')) {
        for (const name of el.getAttributeNames()) {
          if (name.startsWith('on')) found.push(name + ' on <' + el.localName + '>');
        }
      }
      for (const a of root.querySelectorAll('a[href]')) {
        const url = new URL(a.getAttribute('href'), location.href);
        if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) found.push('link to ' + url.href);
        if (root.localName === 'article' && a.rel !== 'noopener noreferrer') found.push('link without rel: ' + a.href);
      }
    }
    return found;
  })()`);
}

async function answerFinished(page: Page) {
  await page.locator('article[aria-label^="Assistant"]:not([aria-busy]) >> nth=-1').waitFor();
}

describe.skipIf(E2E_SKIPPED)('hostile text in chat (SQLite only)', () => {
  let server: E2eServer;
  let browser: Browser;
  let tab: TestPage;
  let seen: Watch;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    await setUpAdmin(server);
    tab = await openPage(browser, server.url);
    seen = watch(tab.page, server.url);
    await signIn(tab.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    server.simulator.setScript({ tokens: undefined });
    expect(seen.dialogs).toEqual([]);
    expect(seen.offOrigin).toEqual([]);
    expect(tab.cspViolations).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });

  it('shows a hostile message and its echo as text, running and loading nothing', async () => {
    const { page } = tab;
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(CORPUS);
    await composer.press('Enter');
    await answerFinished(page);
    expect(await breaches(page)).toEqual([]);

    const mine = await page.locator('article[aria-label="You"]').last().innerText();
    expect(mine).toContain(`<script>window.__xss = 'script'</script>`);
    const answer = page.locator('article[aria-label^="Assistant"]').last();
    const answerText = await answer.innerText();
    expect(answerText).toContain(`<img src=x onerror="window.__xss = 'img'">`);
    expect(answerText).toContain('markdown link');
    // The title came from the message: text too, in the heading and the list. The page learns
    // the new title when it reloads the conversation, which may land after the answer ends.
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.innerText()).toContain('<script>');
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);

    // Images wait for a click, and name where they would come from.
    await answer.getByRole('button', { name: /Load image from evil\.example/ }).waitFor();
    expect(seen.requests.filter((url) => url.includes('xss-probe'))).toEqual([]);
    await answer.getByRole('button', { name: /Load image from 127\.0\.0\.1.* probe/ }).click();
    await expect
      .poll(() => seen.requests.filter((url) => url.includes('xss-probe')))
      .toHaveLength(1);
    await answer.getByText('The image could not be shown here.').waitFor();
    const links = await page.evaluate<string[][]>(`(() => {
      const all = document.querySelectorAll('article[aria-label^="Assistant"]');
      return [...all[all.length - 1].querySelectorAll('a')].map((a) =>
        [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]);
    })()`);
    expect(links).toContainEqual([
      'a safe link',
      'https://example.org/safe',
      'noopener noreferrer',
    ]);
    expect(links.map(([text]) => text)).not.toContain('markdown link');

    // The stored copy renders the same way after a reload.
    await page.reload();
    await answerFinished(page);
    expect(await breaches(page)).toEqual([]);
  });

  it('renders a hostile answer the model wrote in Markdown safely', async () => {
    const { page } = tab;
    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('heading', { name: 'New chat', level: 1 }).waitFor();
    server.simulator.setScript({ tokens: MODEL_REPLY });
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Write something nasty');
    await composer.press('Enter');
    await answerFinished(page);
    expect(await breaches(page)).toEqual([]);
    const answer = page.locator('article[aria-label^="Assistant"]').last();
    expect((await answer.locator('pre code').innerText()).trim()).toBe(
      '<script>window.__xss = "code"</script>',
    );
    expect(await answer.innerText()).toContain('reference link');
    expect(await answer.getByRole('link').count()).toBe(0);
  });

  it('shows search snippets of hostile messages as text', async () => {
    const { page } = tab;
    await page.keyboard.press('Control+K');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('chat-search');
    await page.keyboard.type('onerror');
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('link').first().waitFor();
    expect(await results.innerText()).toContain('onerror');
    expect(await results.locator('img, script, svg:not([aria-hidden])').count()).toBe(0);
    expect(await breaches(page)).toEqual([]);
  });
});
