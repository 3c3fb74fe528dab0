import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startUpstreamSimulator,
  type UpstreamSimulator,
} from '../../../test/support/upstream-simulator.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { dialect } from '../../../test/support/test-env.js';
import { AppError } from '../../platform/http/errors.js';
import { createLogger } from '../../platform/logging/logger.js';
import { createModelGateway, type ModelGatewayDeps } from './model-gateway.js';
import {
  UpstreamError,
  type ChatStreamEvent,
  type ChatStreamRequest,
  type ModelGateway,
  type TokenUsage,
} from './upstream.types.js';

let sim: UpstreamSimulator;
let t: TestApp;
let gateway: ModelGateway;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  options: { env?: Record<string, string>; deps?: Partial<ModelGatewayDeps> } = {},
): Promise<void> {
  sim = await startUpstreamSimulator();
  cleanups.push(() => sim.close());
  t = await createTestApp({
    env: {
      OLLAMA_URL: sim.url,
      UPSTREAM_RETRIES: '1',
      UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '300',
      UPSTREAM_IDLE_TIMEOUT_MS: '300',
      ...options.env,
    },
  });
  cleanups.push(() => t.close());
  gateway = createModelGateway({
    db: t.database.db,
    config: t.config,
    secrets: t.secrets,
    logger: createLogger('silent'),
    backoff: { baseMs: 5, maxMs: 20 },
    ...options.deps,
  });
  cleanups.push(() => gateway.close());
}

function chat(model: string, request: Partial<ChatStreamRequest> = {}) {
  return gateway.streamChat({
    model,
    messages: [{ role: 'user', content: 'hello there' }],
    userId: 'user-1',
    signal: new AbortController().signal,
    ...request,
  });
}

async function collect(
  events: AsyncIterable<ChatStreamEvent>,
  onDelta?: (text: string) => void,
): Promise<{ text: string; usage: TokenUsage | null | undefined }> {
  let text = '';
  let usage: TokenUsage | null | undefined;
  for await (const event of events) {
    if (event.type === 'delta') {
      text += event.text;
      onDelta?.(text);
    } else usage = event.usage;
  }
  return { text, usage };
}

/** The error a call ends with (a cancel's reason or an UpstreamError). */
async function failureOf(events: AsyncIterable<ChatStreamEvent>): Promise<unknown> {
  try {
    await collect(events);
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

const chatRequests = (s: UpstreamSimulator) =>
  s.requests.filter((r) => r.path === '/api/chat' || r.path === '/v1/chat/completions');

describe(`model gateway (${dialect})`, () => {
  it('streams the scripted text as deltas and reports usage, from Ollama and OpenAI APIs', async () => {
    const openai = await startUpstreamSimulator({ models: ['gpt-sim'], apiKey: 'sk-sim' });
    cleanups.push(() => openai.close());
    await start({ env: { OPENAI_BASE_URL: openai.openaiBaseUrl, OPENAI_API_KEY: 'sk-sim' } });
    sim.setScript({ tokens: ['Hello', ', ', 'world'] });
    openai.setScript({ tokens: ['Hi', ' there'] });

    expect(await collect(chat('sim-small'))).toEqual({
      text: 'Hello, world',
      usage: { promptTokens: 2, completionTokens: 3 },
    });
    expect(await collect(chat('gpt-sim'))).toEqual({
      text: 'Hi there',
      usage: { promptTokens: 2, completionTokens: 2 },
    });
    expect(chatRequests(openai)[0]?.headers.authorization).toBe('Bearer sk-sim');
  });

  it('retries an HTTP 500 before the first token, then succeeds', async () => {
    await start();
    sim.setScript({ failStatus: 500, failTimes: 1, tokens: ['fine'] });
    expect((await collect(chat('sim-small'))).text).toBe('fine');
    expect(chatRequests(sim)).toHaveLength(2);
  });

  it('gives up with upstream_error once retries are spent on 5xx answers', async () => {
    await start();
    sim.setScript({ failStatus: 503 });
    const error = await failureOf(chat('sim-small'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_error' });
    expect(chatRequests(sim)).toHaveLength(2); // UPSTREAM_RETRIES=1
  });

  it('does not retry a 4xx answer', async () => {
    await start();
    sim.setScript({ failStatus: 400 });
    expect(await failureOf(chat('sim-small'))).toMatchObject({ code: 'upstream_error' });
    expect(chatRequests(sim)).toHaveLength(1);
  });

  it('ends with upstream_error when the stream drops after the first token, without a retry', async () => {
    await start();
    sim.setScript({ tokens: 6, dropAfterTokens: 2 });
    const seen: string[] = [];
    const error = await collect(chat('sim-small'), (text) => seen.push(text)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'upstream_error' });
    expect(seen.at(-1)).toBe('tok0 tok1 ');
    expect(chatRequests(sim)).toHaveLength(1);
  });

  it('times out with upstream_timeout when no first token comes (headers never sent)', async () => {
    await start();
    sim.setScript({ hang: 'headers' });
    const error = await failureOf(chat('sim-small'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_timeout' });
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
  });

  it('times out with upstream_timeout when the stream goes silent between tokens', async () => {
    await start();
    sim.setScript({ tokens: 5, hang: 'stream', hangAfterTokens: 1 });
    const seen: string[] = [];
    const error = await collect(chat('sim-small'), (text) => seen.push(text)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'upstream_timeout' });
    expect(seen).toEqual(['tok0 ']);
    // The hung request was cancelled: its stream is closed at the upstream too.
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
  });

  it('reports upstream_unavailable when the upstream refuses connections', async () => {
    await start();
    expect((await gateway.listModels()).map((m) => m.id)).toEqual(['sim-small', 'sim-large']);
    await sim.refuseConnections();
    const error = await failureOf(chat('sim-small'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('asks an upstream that could not be listed again a second later, not after the whole cache period', async () => {
    await start();
    const ids = async () => (await gateway.listModels()).map((m) => m.id);
    await sim.refuseConnections();
    expect(await ids()).toEqual([]);
    await sim.resume();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 1_500);
      expect(await ids()).toEqual(['sim-small', 'sim-large']);
      // A complete list is kept for the whole period, even if the upstream goes away.
      await sim.refuseConnections();
      vi.setSystemTime(Date.now() + 1_500);
      expect(await ids()).toEqual(['sim-small', 'sim-large']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('chooses the first listed model, else one an unreachable upstream listed before, else says it is unavailable', async () => {
    await start();
    expect(await gateway.firstModel()).toBe('sim-small');
    await sim.refuseConnections();
    await gateway.refresh();
    await expect(gateway.firstModel()).rejects.toMatchObject({ code: 'upstream_unavailable' });
    // Asked again at once, though the failed listing is still cached for the model list.
    await sim.resume();
    expect(await gateway.firstModel()).toBe('sim-small');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await sim.refuseConnections();
      vi.setSystemTime(Date.now() + 15_000);
      // Not listed now, but known from its last answer.
      expect(await gateway.listModels()).toEqual([]);
      expect(await gateway.firstModel()).toBe('sim-small');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not list again for every send while one upstream is down and another offers models', async () => {
    const openai = await startUpstreamSimulator({ models: ['gpt-sim'] });
    cleanups.push(() => openai.close());
    await start({ env: { OPENAI_BASE_URL: openai.openaiBaseUrl } });
    await sim.refuseConnections();
    expect(await gateway.firstModel()).toBe('gpt-sim');
    const listings = openai.requests.length;
    expect(await gateway.firstModel()).toBe('gpt-sim');
    expect(openai.requests.length).toBe(listings);
  });

  it('refuses an unknown model before anything is queued or sent', async () => {
    await start();
    const onQueued = vi.fn();
    const error = await failureOf(chat('no-such-model', { onQueued }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unknown_model' });
    expect(onQueued).not.toHaveBeenCalled();
    expect(chatRequests(sim)).toHaveLength(0);
  });

  it('opens the circuit after repeated failures, fails fast while open, and recovers', async () => {
    await start({ deps: { breaker: { volumeThreshold: 2, resetTimeoutMs: 300 } } });
    await gateway.listModels();
    sim.setScript({ failStatus: 500 });
    expect(await failureOf(chat('sim-small'))).toMatchObject({ code: 'upstream_error' });
    const sent = sim.requests.length;

    // Open: fails at once without reaching the upstream, and the model list skips it.
    for (let i = 0; i < 3; i++) {
      const error = await failureOf(chat('sim-small'));
      expect(error).toMatchObject({ code: 'upstream_unavailable' });
    }
    expect(sim.requests.length).toBe(sent);

    // After the reset timeout one probe may pass; it succeeds and the circuit closes.
    sim.reset();
    await sleep(400);
    sim.setScript({ tokens: ['back'] });
    expect((await collect(chat('sim-small'))).text).toBe('back');
    expect((await collect(chat('sim-small'))).text).toBe('back');
  });

  it('removes a call from the queue when it is cancelled while waiting', async () => {
    await start(); // Ollama: one call at a time
    sim.setScript({ tokens: 200, tokenDelayMs: 10 });
    const first = new AbortController();
    const running = collect(chat('sim-small', { signal: first.signal })).catch((e: unknown) => e);
    await vi.waitFor(() => expect(sim.activeStreams).toBe(1));

    const waiting = new AbortController();
    const positions: number[] = [];
    const onStarted = vi.fn();
    const queued = failureOf(
      chat('sim-small', {
        userId: 'user-2',
        signal: waiting.signal,
        onQueued: (p) => positions.push(p),
        onStarted,
      }),
    );
    await vi.waitFor(() => expect(positions).toEqual([1]));
    const reason = new Error('user left');
    waiting.abort(reason);
    expect(await queued).toBe(reason);
    expect(onStarted).not.toHaveBeenCalled();

    first.abort(new Error('done'));
    await running;
    expect(chatRequests(sim)).toHaveLength(1);
  });

  it('cancels the upstream request when the caller aborts mid-stream', async () => {
    await start();
    sim.setScript({ tokens: 500, tokenDelayMs: 10 });
    const controller = new AbortController();
    const reason = new Error('stop');
    const error = await collect(chat('sim-small', { signal: controller.signal }), (text) => {
      if (text.length > 10) controller.abort(reason);
    }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
    // The slot is free again.
    sim.setScript({ tokens: ['next'], tokenDelayMs: 0 });
    expect((await collect(chat('sim-small'))).text).toBe('next');
  });

  it('serves two users in turn with one slot, reporting queue positions', async () => {
    await start();
    sim.setScript({ tokens: 3, tokenDelayMs: 5 });
    // The first call holds the only slot until everyone else is queued.
    sim.setModelScript('sim-large', { tokens: 10_000, tokenDelayMs: 10 });
    const started: string[] = [];
    const positions: Record<string, number[]> = {};
    const call = (userId: string, label: string, model = 'sim-small', signal?: AbortSignal) => {
      positions[label] = [];
      return collect(
        chat(model, {
          userId,
          onQueued: (p) => positions[label]?.push(p),
          onStarted: () => started.push(label),
          ...(signal ? { signal } : {}),
        }),
      );
    };
    const holder = new AbortController();
    const a1 = call('alice', 'a1', 'sim-large', holder.signal).catch(() => 'stopped');
    await vi.waitFor(() => expect(started).toEqual(['a1']));
    const a2 = call('alice', 'a2');
    const a3 = call('alice', 'a3');
    const b1 = call('bob', 'b1');
    await vi.waitFor(() => expect(positions.b1).toEqual([1]));
    holder.abort(new Error('enough'));
    expect(await a1).toBe('stopped');
    await Promise.all([a2, a3, b1]);
    // Bob came last but goes before Alice's second and third calls: Alice was just served.
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
    expect(positions).toEqual({ a1: [], a2: [1, 2, 1], a3: [2, 3, 2, 1], b1: [1] });
  });

  it('embeds through both APIs', async () => {
    const openai = await startUpstreamSimulator({ models: ['embed-sim'] });
    cleanups.push(() => openai.close());
    await start({ env: { OPENAI_BASE_URL: openai.openaiBaseUrl } });
    const signal = new AbortController().signal;
    for (const model of ['sim-small', 'embed-sim']) {
      const result = await gateway.embed({
        model,
        input: ['one', 'two words'],
        userId: 'u',
        signal,
      });
      expect(result.embeddings).toHaveLength(2);
      expect(result.embeddings[0]).toHaveLength(8);
      expect(result.usage).toEqual({ promptTokens: 3, completionTokens: 0 });
    }
    // No key configured: none is sent.
    expect(openai.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});
