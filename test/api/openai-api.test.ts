import type { AddressInfo } from 'node:net';
import OpenAI, {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../support/upstream-simulator.js';

interface Served {
  t: TestApp;
  sim: UpstreamSimulator;
  admin: Signed;
  baseURL: string;
  /** An API key with the chat scope. */
  key: string;
  keyId: string;
}

async function createKey(t: TestApp, token: string, scopes: string[], remoteAddress?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/keys',
    headers: bearer(token),
    payload: { name: `key ${scopes.join(' ')}`, scopes },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`key creation failed: ${response.body}`);
  return response.json<{ id: string; key: string }>();
}

/** A real listening app in front of a fresh upstream simulator. */
async function serve(env: Record<string, string> = {}): Promise<Served> {
  const sim = await startUpstreamSimulator();
  const t = await createTestApp({
    env: { OLLAMA_URL: sim.url, UPSTREAM_RETRIES: '0', ...env },
  });
  const admin = await setUpAdmin(t);
  const { key, id: keyId } = await createKey(t, admin.accessToken, ['chat']);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { t, sim, admin, baseURL: `http://127.0.0.1:${port}/v1`, key, keyId };
}

async function stop(served: Served | undefined) {
  if (!served) return;
  // After the SDK aborts a stream, its connection pool may open a fresh connection that never
  // sends a request; Node 20's closeIdleConnections() leaves such sockets open, so app.close()
  // would wait on them. Nothing is in flight here, so every connection can go.
  served.t.app.server.closeAllConnections();
  await served.t.close();
  await served.sim.close();
}

const sdk = (s: Served, apiKey = s.key, headers: Record<string, string> = {}) =>
  new OpenAI({ apiKey, baseURL: s.baseURL, maxRetries: 0, defaultHeaders: headers });

/** The listed id of a simulator model (providers may prefix ids). */
async function modelId(s: Served, name = 'sim-small'): Promise<string> {
  const { data } = await sdk(s).models.list();
  const model = data.find((m) => m.id.includes(name));
  if (!model) throw new Error(`no model ${name} in ${JSON.stringify(data)}`);
  return model.id;
}

const usageRows = (s: Served) =>
  s.t.database.db.selectFrom('api_usage').selectAll().orderBy('id').execute();

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe(`OpenAI-compatible API through the official SDK (${dialect})`, () => {
  let s: Served;
  let model: string;
  beforeAll(async () => {
    s = await serve();
    model = await modelId(s);
  });
  afterAll(() => stop(s));

  it('lists the upstream models and retrieves one, owned by its provider', async () => {
    const { data } = await sdk(s).models.list();
    expect(data.length).toBeGreaterThanOrEqual(2);
    for (const entry of data) {
      expect(entry).toMatchObject({ object: 'model', owned_by: 'ollama' });
      expect(Number.isInteger(entry.created)).toBe(true);
    }
    const one = await sdk(s).models.retrieve(model);
    expect(one).toMatchObject({ id: model, object: 'model' });

    const missing = await caught(sdk(s).models.retrieve('no-such-model'));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers a chat completion whole, with usage, and records it', async () => {
    s.sim.setScript({ tokens: ['Hello', ' there', '!'], usage: undefined });
    const before = (await usageRows(s)).length;
    const completion = await sdk(s).chat.completions.create({
      model,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Say hello please' }] },
      ],
      temperature: 0.2,
      max_completion_tokens: 50,
      stop: 'END',
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(model);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      message: { role: 'assistant', content: 'Hello there!' },
      finish_reason: 'stop',
    });
    // The simulator counts words of every message as prompt tokens, and tokens sent.
    expect(completion.usage).toEqual({
      prompt_tokens: 5,
      completion_tokens: 3,
      total_tokens: 8,
    });

    const rows = await usageRows(s);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      user_id: s.admin.userId,
      api_key_id: s.keyId,
      endpoint: 'chat.completions',
      model,
      outcome: 'success',
      prompt_tokens: 5,
      completion_tokens: 3,
    });
  });

  it('streams chunks like OpenAI: role, deltas, finish, usage, [DONE]', async () => {
    s.sim.setScript({ tokens: ['One', ' two', ' three'] });
    const stream = await sdk(s).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('One two three');
    const ids = new Set(chunks.map((c) => c.id));
    expect(ids.size).toBe(1);
    for (const chunk of chunks) expect(chunk.object).toBe('chat.completion.chunk');
    const finish = chunks.at(-2);
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({ prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 });

    const row = (await usageRows(s)).at(-1);
    expect(row).toMatchObject({ outcome: 'success', prompt_tokens: 1, completion_tokens: 3 });
  });

  it('streams through the SDK helper to a final completion', async () => {
    s.sim.setScript({ tokens: ['a', 'b', 'c'] });
    const runner = sdk(s).chat.completions.stream({
      model,
      messages: [{ role: 'user', content: 'abc' }],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('abc');
  });

  it('sends the stream with the security headers and the request id', async () => {
    s.sim.setScript({ tokens: ['x'] });
    const response = await fetch(`${s.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        ...bearer(s.key),
        'content-type': 'application/json',
        'x-request-id': 'req-12345678',
      },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }], stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('req-12345678');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(body).not.toContain('"usage"');
  });

  it('embeds through the SDK default (base64) and as floats, with the same numbers', async () => {
    const input = ['first text', 'second text here'];
    const decoded = await sdk(s).embeddings.create({ model, input });
    expect(decoded.object).toBe('list');
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data.map((d) => d.index)).toEqual([0, 1]);
    const floats = await sdk(s).embeddings.create({ model, input, encoding_format: 'float' });
    for (const [i, entry] of decoded.data.entries()) {
      expect(entry.embedding.length).toBe(8);
      expect(entry.embedding).toEqual(floats.data[i]?.embedding);
    }
    expect(floats.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    const row = (await usageRows(s)).at(-1);
    expect(row).toMatchObject({ endpoint: 'embeddings', outcome: 'success', prompt_tokens: 5 });

    const single = await sdk(s).embeddings.create({ model, input: 'one', dimensions: 8 });
    expect(single.data).toHaveLength(1);
    const wrongSize = await caught(sdk(s).embeddings.create({ model, input: 'x', dimensions: 3 }));
    expect(wrongSize).toBeInstanceOf(BadRequestError);
    expect(wrongSize).toMatchObject({ param: 'dimensions' });
  });

  it('accepts a user access token as well as an API key', async () => {
    const { data } = await sdk(s, s.admin.accessToken).models.list();
    expect(data.length).toBeGreaterThan(0);
  });

  it('refuses a wrong key with AuthenticationError and code invalid_api_key', async () => {
    const error = await caught(sdk(s, `enc_${'x'.repeat(43)}`).models.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_api_key',
      type: 'authentication_error',
    });
    expect((error as APIError).requestID).toEqual(expect.any(String));

    const anonymous = await fetch(`${s.baseURL}/models`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-request-id')).toEqual(expect.any(String));
    const body = await anonymous.json();
    expect(Object.keys(body as object)).toEqual(['error']);
    expect(body).toMatchObject({
      error: { type: 'authentication_error', param: null, code: 'invalid_api_key' },
    });
  });

  it('refuses a key without the chat scope with PermissionDeniedError', async () => {
    const { key } = await createKey(s.t, s.admin.accessToken, ['documents']);
    const error = await caught(
      sdk(s, key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
      type: 'permission_error',
    });
  });

  it('answers an unknown model with model_not_found', async () => {
    const error = await caught(
      sdk(s).chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'model_not_found', param: 'model' });
    const embedding = await caught(sdk(s).embeddings.create({ model: 'nope', input: 'x' }));
    expect(embedding).toMatchObject({ status: 404, code: 'model_not_found' });
    expect((await usageRows(s)).at(-1)).toMatchObject({ outcome: 'unknown_model', model: 'nope' });
  });

  it('refuses invalid requests with BadRequestError naming the parameter', async () => {
    const many = await caught(
      sdk(s).chat.completions.create({ model, n: 2, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(many).toBeInstanceOf(BadRequestError);
    expect(many).toMatchObject({ param: 'n', type: 'invalid_request_error' });

    const badRole = await caught(
      sdk(s).chat.completions.create({
        model,
        messages: [{ role: 'tool', content: 'x', tool_call_id: 'a' }],
      }),
    );
    expect(badRole).toBeInstanceOf(BadRequestError);
    expect(badRole).toMatchObject({ code: 'validation_failed', param: 'messages.0.role' });

    const badJson = await fetch(`${s.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(s.key), 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'malformed_json' },
    });
  });

  it('accepts fields it does not use, as OpenAI clients send many', async () => {
    s.sim.setScript({ tokens: ['ok'] });
    const completion = await sdk(s).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'x', name: 'alice' }],
      presence_penalty: 0,
      seed: 1,
      user: 'someone',
      metadata: { a: 'b' },
      n: 1,
    });
    expect(completion.choices[0]?.message.content).toBe('ok');
  });

  it('answers unknown /v1 routes with 404 in OpenAI shape', async () => {
    const response = await fetch(`${s.baseURL}/completions-of-the-future`, {
      headers: bearer(s.key),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'not_found' },
    });
  });

  it('gives up the upstream call when the client disconnects mid-stream', async () => {
    s.sim.setScript({ tokens: 200, tokenDelayMs: 20 });
    const stream = await sdk(s).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'long' }],
      stream: true,
    });
    let received = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) received += 1;
      if (received === 3) break; // the SDK aborts the request
    }
    await vi.waitFor(async () => {
      expect((await usageRows(s)).at(-1)).toMatchObject({ outcome: 'cancelled' });
      expect(s.sim.activeStreams).toBe(0);
    });
    s.sim.setScript({ tokens: undefined, tokenDelayMs: undefined });
  });

  it('ends a stream that fails midway with an error the SDK raises', async () => {
    s.sim.setScript({ tokens: ['a ', 'b ', 'c ', 'd '], dropAfterTokens: 2 });
    const stream = await sdk(s).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    const error = await caught(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    );
    s.sim.setScript({ dropAfterTokens: undefined });
    expect(text).toBe('a b ');
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toMatch(/^upstream_/);
    expect((error as APIError).type).toBe('api_error');
    const row = (await usageRows(s)).at(-1);
    expect(row?.outcome).toMatch(/^upstream_/);
  });
});

describe(`OpenAI-compatible API with the upstream down (${dialect})`, () => {
  let s: Served;
  let model: string;
  beforeAll(async () => {
    s = await serve();
    model = await modelId(s);
  });
  afterAll(() => stop(s));

  it('answers 503 upstream_unavailable before the stream starts, and records it', async () => {
    await s.sim.refuseConnections();
    for (const stream of [false, true]) {
      const error = await caught(
        sdk(s).chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'hi' }],
          stream,
        }),
      );
      expect(error).toBeInstanceOf(APIError);
      expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', type: 'api_error' });
    }
    const rows = await usageRows(s);
    expect(rows.map((r) => r.outcome)).toEqual(['upstream_unavailable', 'upstream_unavailable']);
    await s.sim.resume();
  });
});

describe(`OpenAI-compatible API rate limit per key (${dialect})`, () => {
  let s: Served;
  afterAll(() => stop(s));

  it('limits each key across addresses, and the keys apart', async () => {
    s = await serve({
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_MS: '60000',
      TRUST_PROXY: '127.0.0.1',
    });
    const other = await createKey(s.t, s.admin.accessToken, ['chat'], '198.51.100.200');
    // Each call from its own address, so the per-address limit is never what refuses.
    const from = (n: number, key = s.key) => sdk(s, key, { 'x-forwarded-for': `203.0.113.${n}` });
    for (let i = 1; i <= 3; i += 1) await from(i).models.list();
    const error = await caught(from(4).models.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', type: 'rate_limit_error' });
    const headers = (error as RateLimitError).headers;
    expect(Number(headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(headers?.get('ratelimit-remaining')).toBe('0');

    const { data } = await from(5, other.key).models.list();
    expect(data.length).toBeGreaterThan(0);
  });
});
