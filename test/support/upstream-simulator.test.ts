import { Ollama } from 'ollama';
import OpenAI, { AuthenticationError, InternalServerError, NotFoundError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startUpstreamSimulator, type UpstreamSimulator } from './upstream-simulator.js';

const API_KEY = 'sk-sim-test';
const TOKENS = ['Hello', ', ', 'world', '!'];

let sim: UpstreamSimulator;
let ollama: Ollama;
let openai: OpenAI;

beforeAll(async () => {
  sim = await startUpstreamSimulator({ apiKey: API_KEY, embeddingDimensions: 16 });
  ollama = new Ollama({ host: sim.url });
  // No retries, so a scripted failure reaches the test as it was sent.
  openai = new OpenAI({ baseURL: sim.openaiBaseUrl, apiKey: API_KEY, maxRetries: 0 });
});

afterEach(() => {
  sim.reset();
});

afterAll(async () => {
  await sim.close();
});

function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify(body),
    signal,
  });
}

const chatBody = (model = 'sim-small') => ({
  model,
  messages: [{ role: 'user' as const, content: 'hi' }],
});

describe('Ollama API through the official client', () => {
  it('lists the configured models with their details', async () => {
    const { models } = await ollama.list();
    expect(models.map((m) => m.name)).toEqual(['sim-small', 'sim-large']);
    expect(models[0]).toMatchObject({
      model: 'sim-small',
      size: expect.any(Number) as number,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      details: { format: 'gguf' },
    });
  });

  it('streams the scripted tokens and ends with a done chunk carrying the counts', async () => {
    sim.setScript({ tokens: TOKENS });
    const stream = await ollama.chat({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'say hello to the world' }],
      stream: true,
    });
    const parts: string[] = [];
    let last;
    for await (const chunk of stream) {
      parts.push(chunk.message.content);
      last = chunk;
    }
    expect(parts.join('')).toBe('Hello, world!');
    expect(last).toMatchObject({
      done: true,
      done_reason: 'stop',
      eval_count: 4,
      prompt_eval_count: 5,
      message: { role: 'assistant', content: '' },
    });
  });

  it('answers a non-streaming chat with the whole reply in one object', async () => {
    sim.setScript({ tokens: 3 });
    const reply = await ollama.chat({ ...chatBody(), stream: false } as const);
    expect(reply.message.content).toBe('tok0 tok1 tok2 ');
    expect(reply).toMatchObject({ done: true, eval_count: 3 });
  });

  it('echoes the last user message by default', async () => {
    const reply = await ollama.chat({
      model: 'sim-large',
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        { role: 'user', content: 'second question here' },
      ],
    });
    expect(reply.message.content).toBe('Echo: second question here');
  });

  it('stops at num_predict with done_reason length', async () => {
    sim.setScript({ tokens: 10 });
    const reply = await ollama.chat({ ...chatBody(), options: { num_predict: 2 } });
    expect(reply.message.content).toBe('tok0 tok1 ');
    expect(reply.done_reason).toBe('length');
  });

  it('embeds deterministically into unit vectors of the configured size', async () => {
    const first = await ollama.embed({ model: 'sim-small', input: ['alpha', 'beta'] });
    const again = await ollama.embed({ model: 'sim-small', input: 'alpha' });
    expect(first.embeddings).toHaveLength(2);
    expect(first.embeddings[0]).toHaveLength(16);
    expect(again.embeddings[0]).toEqual(first.embeddings[0]);
    expect(first.embeddings[1]).not.toEqual(first.embeddings[0]);
    const norm = Math.hypot(...(first.embeddings[0] ?? []));
    expect(norm).toBeCloseTo(1, 5);
    const legacy = await ollama.embeddings({ model: 'sim-small', prompt: 'alpha' });
    expect(legacy.embedding).toEqual(first.embeddings[0]);
  });

  it('rejects an unknown model with 404 and the pull hint', async () => {
    await expect(ollama.chat({ ...chatBody('nope') })).rejects.toMatchObject({
      status_code: 404,
      error: 'model "nope" not found, try pulling it first',
    });
  });
});

describe('OpenAI API through the official client', () => {
  it('lists the configured models', async () => {
    const page = await openai.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['sim-small', 'sim-large']);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: expect.any(String) as string });
  });

  it('completes a chat with the reply and its usage', async () => {
    sim.setScript({ tokens: TOKENS });
    const completion = await openai.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'say hello' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Hello, world!',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
  });

  it('streams deltas, a stop chunk and a usage chunk when include_usage is asked', async () => {
    sim.setScript({ tokens: TOKENS, usage: { promptTokens: 42 } });
    const stream = await openai.chat.completions.create({
      model: 'sim-large',
      messages: [{ role: 'user', content: 'say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello, world!');
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 42, completion_tokens: 4, total_tokens: 46 },
    });
  });

  it('decodes the default base64 embeddings to the configured dimensions', async () => {
    const base64 = await openai.embeddings.create({ model: 'sim-small', input: ['a', 'b c'] });
    const floats = await openai.embeddings.create({
      model: 'sim-small',
      input: ['a', 'b c'],
      encoding_format: 'float',
    });
    expect(sim.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(base64.data.map((d) => d.index)).toEqual([0, 1]);
    expect(base64.data[0]?.embedding).toHaveLength(16);
    expect(base64.data.map((d) => d.embedding)).toEqual(floats.data.map((d) => d.embedding));
    expect(base64.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it('throws AuthenticationError for a wrong API key', async () => {
    const wrong = new OpenAI({ baseURL: sim.openaiBaseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    const failure = wrong.models.list();
    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('rejects an unknown model with 404 model_not_found', async () => {
    const failure = openai.chat.completions.create({ ...chatBody('nope'), messages: [] });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      type: 'invalid_request_error',
    });
  });
});

describe('failure knobs', () => {
  it('answers a malformed JSON body with 400 in each protocol’s error shape', async () => {
    const init = {
      method: 'POST',
      body: '{not json',
      headers: { authorization: `Bearer ${API_KEY}` },
    };
    const ollamaRes = await fetch(`${sim.url}/api/chat`, init);
    const openaiRes = await fetch(`${sim.openaiBaseUrl}/chat/completions`, init);
    expect(ollamaRes.status).toBe(400);
    expect(await ollamaRes.json()).toEqual({ error: expect.any(String) as string });
    expect(openaiRes.status).toBe(400);
    expect(await openaiRes.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('fails the first request with 500 and answers the next when failTimes is 1', async () => {
    sim.setScript({ failStatus: 500, failTimes: 1, tokens: ['ok'] });
    const failure = openai.chat.completions.create(chatBody());
    await expect(failure).rejects.toBeInstanceOf(InternalServerError);
    const reply = await ollama.chat(chatBody());
    expect(reply.message.content).toBe('ok');
  });

  it('applies a model script over the global one', async () => {
    sim.setScript({ tokens: ['global'] });
    sim.setModelScript('sim-large', { failStatus: 503 });
    const small = await ollama.chat(chatBody('sim-small'));
    expect(small.message.content).toBe('global');
    await expect(ollama.chat(chatBody('sim-large'))).rejects.toMatchObject({
      status_code: 503,
    });
  });

  it('never answers when hanging at headers, so the client abort fires', async () => {
    sim.setScript({ hang: 'headers' });
    const pending = postJson('/api/chat', chatBody(), AbortSignal.timeout(200));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.requests).toHaveLength(1);
  });

  it('sends headers and hangAfterTokens tokens, then goes silent when hanging mid-stream', async () => {
    sim.setScript({ tokens: 5, hang: 'stream', hangAfterTokens: 2 });
    const controller = new AbortController();
    const res = await postJson('/api/chat', chatBody(), controller.signal);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.split('\n').length < 3) text += (await reader.read()).value ?? '';
    expect(text).toContain('tok1 ');
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
    expect(text).not.toContain('tok2');
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
  });

  it('ends the stream with a socket error after dropAfterTokens tokens', async () => {
    sim.setScript({ tokens: 10, dropAfterTokens: 3 });
    const stream = await ollama.chat({ ...chatBody(), stream: true });
    const parts: string[] = [];
    const consume = async (): Promise<void> => {
      for await (const chunk of stream) parts.push(chunk.message.content);
    };
    // undici's "terminated" (cause: other side closed), not the client's missing-done error.
    await expect(consume()).rejects.toThrow('terminated');
    expect(parts).toEqual(['tok0 ', 'tok1 ', 'tok2 ']);
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
  });

  it('refuses connections on the same port until resumed', async () => {
    await sim.refuseConnections();
    const refused = await fetch(`${sim.url}/api/version`).catch((error: unknown) => error);
    expect(refused).toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await sim.resume();
    const version = await ollama.version();
    expect(version.version).toEqual(expect.any(String));
  });

  it('holds a reply back by firstTokenDelayMs while other requests finish, then sends it whole', async () => {
    sim.setModelScript('sim-large', { firstTokenDelayMs: 300, tokens: ['late'] });
    const events: string[] = [];
    const slow = postJson('/api/chat', chatBody('sim-large')).then(async (res) => {
      const text = await res.text();
      events.push('slow body');
      return text;
    });
    const fast = ollama.chat(chatBody('sim-small')).then(() => events.push('fast done'));
    const [text] = await Promise.all([slow, fast]);
    expect(text).toContain('"content":"late"');
    expect(events.indexOf('fast done')).toBeLessThan(events.indexOf('slow body'));
  });

  it('stops the token timer and lowers activeStreams when the client aborts', async () => {
    sim.setScript({ tokens: 1000, tokenDelayMs: 50 });
    const stream = await openai.chat.completions.create({ ...chatBody(), stream: true });
    expect(sim.activeStreams).toBe(1);
    await stream[Symbol.asyncIterator]().next();
    stream.controller.abort();
    await vi.waitFor(() => expect(sim.activeStreams).toBe(0));
  });

  it('destroys hung requests on close, so they fail instead of keeping the process alive', async () => {
    const own = await startUpstreamSimulator({ script: { hang: 'headers' } });
    const pending = fetch(`${own.url}/api/version`).then(() =>
      fetch(`${own.url}/api/chat`, { method: 'POST', body: JSON.stringify(chatBody()) }),
    );
    await vi.waitFor(() => expect(own.requests).toHaveLength(2));
    await own.close();
    await expect(pending).rejects.toThrow('fetch failed');
  });

  it('records every request with its method, path, headers and body', async () => {
    await ollama.chat(chatBody());
    expect(sim.requests).toEqual([
      {
        method: 'POST',
        path: '/api/chat',
        headers: expect.objectContaining({ 'content-type': 'application/json' }) as object,
        body: { ...chatBody(), stream: false },
      },
    ]);
  });
});
