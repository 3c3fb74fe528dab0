import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, type TestPage } from './support/browser.js';
import { apiCall, setUpAdmin, signIn } from './support/chat-user.js';
import { E2E_SKIPPED, type E2eServer } from './support/server.js';
import {
  VARIANTS,
  VIEWPORT,
  expectCleanTab,
  startBrowserSuite,
  stopBrowserSuite,
} from './support/suite.js';

/** The simulator's usual pace: tokens a little apart, so a stream is visible. */
const NORMAL = { tokens: undefined, tokenDelayMs: 15, failStatus: undefined };

const lastAnswer = (page: Page) => page.locator('article[aria-label^="Assistant"]').last();
const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

/** The answer's text, as rendered (Markdown, or plain text before the renderer loaded). */
function answerText(page: Page): Promise<string> {
  // A string: the tests are typed without the DOM library.
  return page.evaluate<string>(`(() => {
    const all = document.querySelectorAll('article[aria-label^="Assistant"]');
    const body = all[all.length - 1]?.querySelector('.chat-markdown, .whitespace-pre-wrap');
    return (body?.textContent ?? '').trim();
  })()`);
}

/** Waits until the last answer is no longer being written. */
async function answerFinished(page: Page) {
  await page.locator('article[aria-label^="Assistant"]:not([aria-busy]) >> nth=-1').waitFor();
  await expect.poll(() => lastAnswer(page).getAttribute('aria-busy')).toBeNull();
}

/**
 * Collects every distinct text the last answer shows until it is finished (sampled each
 * frame in the page), while `act` sends the message.
 */
async function watchAnswer(page: Page, act: () => Promise<void>): Promise<string[]> {
  const watching = page.evaluate<string[]>(`new Promise((resolve) => {
    const seen = [];
    const started = performance.now();
    const tick = () => {
      const all = document.querySelectorAll('article[aria-label^="Assistant"]');
      const last = all[all.length - 1];
      if (last) {
        const body = last.querySelector('.chat-markdown, .whitespace-pre-wrap');
        const text = body ? body.textContent.trim() : '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
        if (text && !last.hasAttribute('aria-busy')) return resolve(seen);
      }
      if (performance.now() - started > 8000) return resolve(seen);
      requestAnimationFrame(tick);
    };
    tick();
  })`);
  await act();
  return watching;
}

/** Ctrl+Shift+O, then waits for the new chat (the old composer must not take the text). */
async function newChat(page: Page) {
  await page.keyboard.press('Control+Shift+O');
  await page.getByRole('heading', { name: 'New chat', level: 1 }).waitFor();
}

async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

describe.skipIf(E2E_SKIPPED)('chat in the browser (SQLite only)', () => {
  let server: E2eServer;
  let browser: Browser;
  let tab: TestPage;
  let token: string;

  beforeAll(async () => {
    ({ server, browser, tab } = await startBrowserSuite());
    token = await setUpAdmin(server);
    await signIn(tab.page);
  });

  afterAll(() => stopBrowserSuite(server, browser));

  afterEach(() => {
    server.simulator.setScript(NORMAL);
    expectCleanTab(tab);
  });

  it('streams the first answer as it is written, then lists the conversation', async () => {
    const { page } = tab;
    // Tokens far apart enough that a browser drawing few frames on a loaded machine still
    // shows the answer in several steps (at 60 ms, one CI run saw only two).
    server.simulator.setScript({ tokenDelayMs: 150 });
    const seen = await watchAnswer(page, () => send(page, 'Hello there, streaming world'));
    expect(seen.at(-1)).toBe('Echo: Hello there, streaming world');
    // The answer grew in steps on screen, not all at once.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(page.url()).toMatch(/\/chat\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Hello there, streaming world' }).waitFor();
    const list = page.getByRole('navigation', { name: 'Conversations' });
    await list.getByRole('link', { name: /Hello there, streaming world/ }).waitFor();
    await expect(composer(page).inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: 'Copy the answer' }).waitFor();
  });

  it('shows the queue position while waiting, and stops answers, which keep what they had', async () => {
    const { page } = tab;
    server.simulator.setScript({ tokens: 400, tokenDelayMs: 25 });
    await newChat(page);
    await send(page, 'Tell me a long story');
    await expect.poll(() => answerText(page)).toContain('tok5 ');

    // One generation at a time on this upstream: the next one waits its turn.
    await newChat(page);
    await send(page, 'Am I next?');
    // With its place when the server reported it to this stream, else without.
    await lastAnswer(page)
      .getByText(/^Waiting for the model( — position 1 in the queue|…)$/)
      .waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await lastAnswer(page).getByText('Stopped.').waitFor();

    const list = page.getByRole('navigation', { name: 'Conversations' });
    await list.getByRole('link', { name: /Tell me a long story/ }).click();
    await expect.poll(() => answerText(page)).toContain('tok20 ');
    await page.getByRole('button', { name: 'Stop' }).click();
    await lastAnswer(page).getByText('Stopped.').waitFor();
    const kept = await answerText(page);
    await page.waitForTimeout(400);
    expect(await answerText(page)).toBe(kept);
    expect(kept).not.toContain('tok399');
    const id = page.url().split('/').pop() ?? '';
    const stored = await apiCall<{ messages: { status: string; content: string }[] }>(
      server,
      token,
      'GET',
      `/api/conversations/${id}`,
    );
    expect(stored.messages.at(-1)?.status).toBe('cancelled');
    await page.getByRole('button', { name: 'Regenerate' }).waitFor();
  });

  it('keeps following an answer across a page reload, without repeating text', async () => {
    const { page } = tab;
    await newChat(page);
    server.simulator.setScript({ tokens: 60, tokenDelayMs: 40 });
    await send(page, 'Count for me');
    await expect.poll(() => answerText(page)).toContain('tok5 ');
    const follows: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/messages\/[^/]+\/stream$/.test(request.url())) follows.push(request.url());
    });
    await page.reload();
    await lastAnswer(page).waitFor();
    await answerFinished(page);
    const expected = Array.from({ length: 60 }, (_, i) => `tok${i}`).join(' ');
    expect(await answerText(page)).toBe(expected);
    expect(follows.length).toBeGreaterThanOrEqual(1);
  });

  it('retries an answer that failed', async () => {
    const { page } = tab;
    await newChat(page);
    server.simulator.setScript({ failStatus: 400, failTimes: 1 });
    await send(page, 'Are you there?');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await lastAnswer(page).getByText('The model provider answered with an error.').waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => answerText(page)).toBe('Echo: Are you there?');
    await answerFinished(page);
  });

  it('starts a chat with the chosen model and system prompt, and changes the model later', async () => {
    const { page } = tab;
    const models = await apiCall<{ items: { id: string }[] }>(server, token, 'GET', '/api/models');
    const large = models.items.find((model) => model.id.includes('sim-large'))?.id ?? '';
    const small = models.items.find((model) => model.id.includes('sim-small'))?.id ?? '';
    await newChat(page);
    await page.getByLabel('Model', { exact: true }).selectOption(large);
    await page.getByRole('button', { name: 'System prompt' }).click();
    await page.getByLabel('Instructions').fill('Answer like a pirate.');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'System prompt (set)' }).waitFor();
    server.simulator.reset();
    await send(page, 'Ahoy?');
    await answerFinished(page);
    await page.getByRole('article', { name: `Assistant (${large})` }).waitFor();
    const chat = server.simulator.requests.find((request) => request.path.includes('chat'));
    expect(chat?.body).toMatchObject({
      model: large,
      messages: [{ role: 'system', content: 'Answer like a pirate.' }, { role: 'user' }],
    });

    await page.getByLabel('Model', { exact: true }).selectOption(small);
    const id = page.url().split('/').pop() ?? '';
    await expect
      .poll(
        async () =>
          (await apiCall<{ model: string }>(server, token, 'GET', `/api/conversations/${id}`))
            .model,
      )
      .toBe(small);
  });

  it('finds a message by search (Ctrl+K) and exports its conversation', async () => {
    const { page } = tab;
    await newChat(page);
    await send(page, 'Where do axolotls live?');
    await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    const conversationUrl = page.url();
    await answerFinished(page);
    await newChat(page);
    expect(page.url()).toBe(`${server.url}/chat`);

    await page.keyboard.press('Control+K');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('chat-search');
    await page.keyboard.type('axolotls');
    const hit = page
      .getByRole('region', { name: 'Search results' })
      .getByRole('link', { name: /axolotls/ })
      .first();
    await hit.click();
    await page.waitForURL(conversationUrl);

    for (const [choice, extension] of [
      ['As Markdown (.md)', 'md'],
      ['As JSON (.json)', 'json'],
    ] as const) {
      await page.getByRole('button', { name: 'Export' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: choice }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`where-do-axolotls-live.${extension}`);
      const text = readFileSync(await download.path(), 'utf8');
      if (extension === 'md') {
        expect(text).toContain('# Where do axolotls live?');
        expect(text).toContain('Echo: Where do axolotls live?');
      } else {
        const body = JSON.parse(text) as { messages: { role: string }[] };
        expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
      }
    }
  });

  it('renames and deletes a conversation from the list', async () => {
    const { page } = tab;
    const list = page.getByRole('navigation', { name: 'Conversations' });
    // Escape clears the search; the list comes back.
    await page.getByRole('searchbox', { name: 'Search messages' }).press('Escape');
    await page.getByRole('button', { name: /^Rename “Where do axolotls/ }).click();
    await page.getByLabel('Title').fill('Axolotl notes');
    await page.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('link', { name: /Axolotl notes/ }).waitFor();
    await page.getByRole('heading', { name: 'Axolotl notes' }).waitFor();

    await page.getByRole('button', { name: 'Delete “Axolotl notes”' }).click();
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('The conversation was deleted.').waitFor();
    await page.waitForURL(`${server.url}/chat`);
    expect(await list.getByRole('link', { name: /Axolotl notes/ }).count()).toBe(0);
  });

  it('loads earlier messages when scrolling up a long, virtualised conversation', async () => {
    server.simulator.setScript({ tokenDelayMs: 0 });
    const conversation = await apiCall<{ id: string }>(
      server,
      token,
      'POST',
      '/api/conversations',
      {
        title: 'A long one',
      },
    );
    for (let n = 1; n <= 30; n++) {
      await apiCall(server, token, 'POST', `/api/conversations/${conversation.id}/messages`, {
        content: `Message number ${n}`,
      });
    }
    await expect
      .poll(async () => {
        const window = await apiCall<{ messages: { status: string }[] }>(
          server,
          token,
          'GET',
          `/api/conversations/${conversation.id}`,
        );
        return window.messages.at(-1)?.status;
      })
      .toBe('complete');
    const { page } = tab;
    await page.goto(`/chat/${conversation.id}`);
    await expect.poll(() => answerText(page)).toBe('Echo: Message number 30');
    // Only the rows near the viewport are in the page.
    expect(await page.locator('article').count()).toBeLessThan(30);
    await page.getByRole('region', { name: 'Messages' }).hover();
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, -3000);
          return page.getByText('Message number 1', { exact: true }).count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);
  });

  it('passes axe and looks right in light and dark, on desktop and phone', async () => {
    const { page } = tab;
    await page.goto('/chat');
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'chat-new', 'light', 'desktop');
    await page.setViewportSize(VIEWPORT.phone);
    await screenshot(page, 'chat-new', 'light', 'phone');
    await page.setViewportSize(VIEWPORT.desktop);
    server.simulator.setScript({
      tokens: [
        '## A plan\n\n',
        'Here is **bold** text, `inline code` and [a link](https://example.org/docs).\n\n',
        '```ts\n',
        'const answer: number = 42; // the answer\n',
        '```\n\n',
        '- first\n',
        '- second\n\n',
        '| col | val |\n| --- | --- |\n| a | 1 |\n\n',
        '![diagram](/favicon.svg)\n',
      ],
    });
    await send(page, 'Show me some Markdown');
    await answerFinished(page);
    await lastAnswer(page).locator('.hljs-keyword').first().waitFor();
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);
    for (const [scheme, device] of VARIANTS) {
      await page.setViewportSize(VIEWPORT[device]);
      await page.emulateMedia({ colorScheme: scheme });
      await lastAnswer(page).waitFor();
      if (scheme === 'dark') await expect(seriousA11yViolations(page)).resolves.toEqual([]);
      await screenshot(page, 'chat', scheme, device);
      if (device === 'phone') {
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(360);
        await page.getByRole('button', { name: 'Show conversations' }).click();
        const drawer = page.getByRole('dialog', { name: 'Conversations' });
        await drawer.getByRole('link', { name: /Show me some Markdown/ }).waitFor();
        await expect(seriousA11yViolations(page)).resolves.toEqual([]);
        await screenshot(page, 'chat-drawer', scheme, device);
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'hidden' });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(VIEWPORT.desktop);
    await page.keyboard.press('Control+/');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await expect(seriousA11yViolations(page)).resolves.toEqual([]);
    await page.keyboard.press('Escape');
  });
});
