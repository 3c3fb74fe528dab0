import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ollamaUpstream } from './ollama-upstream.js';
import { openaiUpstream } from './openai-upstream.js';
import type { UpstreamClient } from './upstream-client.js';
import { classifyFailure } from './upstream-failure.js';
import { createUpstreamAgent, LineSplitter, UpstreamHttpError } from './upstream-http.js';
import type { ChatStreamEvent } from './upstream.types.js';

/**
 * The chat stream readers against the awkward framing real servers produce (lines split across
 * packets, CRLF, comments, a missing end marker) that the simulator never sends.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that answers every request by writing `pieces` one by one, each flushed apart. */
async function rawUpstream(status: number, contentType: string, pieces: string[]) {
  const server = createServer((_req, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': contentType });
    const next = (i: number) => {
      const piece = pieces[i];
      if (piece === undefined) return res.end();
      res.write(piece, () => setTimeout(() => next(i + 1), 2));
    };
    next(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = createUpstreamAgent(1_000);
  cleanups.push(async () => {
    await agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, agent };
}

async function chat(client: UpstreamClient): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  const stream = await client.streamChat(
    { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    new AbortController().signal,
  );
  for await (const event of stream) events.push(event);
  return events;
}

const ndjson = (value: unknown) => `${JSON.stringify(value)}\n`;
const part = (content: string) => ndjson({ model: 'm', message: { role: 'assistant', content } });

describe('Ollama chat stream (NDJSON)', () => {
  it('reads lines split across packets and a last line without a line break', async () => {
    const final = JSON.stringify({ done: true, prompt_eval_count: 3, eval_count: 2 });
    const text = `${part('Hel')}\n${part('lo')}${final}`;
    const { url, agent } = await rawUpstream(200, 'application/x-ndjson', [
      text.slice(0, 10),
      text.slice(10, 70),
      text.slice(70),
    ]);
    expect(
      await chat(ollamaUpstream({ kind: 'ollama', baseUrl: url, apiKey: null }, agent)),
    ).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', usage: { promptTokens: 3, completionTokens: 2 } },
    ]);
  });

  it('fails on an error line, and ends without a final part when the stream does', async () => {
    const failing = await rawUpstream(200, 'application/x-ndjson', [
      part('a'),
      ndjson({ error: 'model runner crashed' }),
    ]);
    const client = ollamaUpstream(
      { kind: 'ollama', baseUrl: failing.url, apiKey: null },
      failing.agent,
    );
    await expect(chat(client)).rejects.toThrow('model runner crashed');

    const cut = await rawUpstream(200, 'application/x-ndjson', [part('a')]);
    const events = await chat(
      ollamaUpstream({ kind: 'ollama', baseUrl: cut.url, apiKey: null }, cut.agent),
    );
    expect(events).toEqual([{ type: 'delta', text: 'a' }]);
  });

  it('rejects an error status with the upstream’s message and status, judged like the client’s', async () => {
    const { url, agent } = await rawUpstream(404, 'application/json', [
      JSON.stringify({ error: 'model "m" not found, try pulling it first' }),
    ]);
    const error = await chat(
      ollamaUpstream({ kind: 'ollama', baseUrl: url, apiKey: null }, agent),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect(error).toMatchObject({
      status: 404,
      message: 'model "m" not found, try pulling it first',
    });
    expect(classifyFailure(error, false)).toMatchObject({ retryable: false, fault: false });
  });
});

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (content: string) => ({ choices: [{ index: 0, delta: { content } }] });

describe('OpenAI-compatible chat stream (SSE)', () => {
  it('reads CRLF lines, comments, other fields and events split across packets', async () => {
    const text =
      ': keep-alive\r\n\r\n' +
      `event: message\r\nid: 1\r\ndata:${JSON.stringify(chunk('Hi'))}\r\n\r\n` +
      sse({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
      sse({ choices: [], usage: { prompt_tokens: 4, completion_tokens: 1 } }) +
      'data: [DONE]\n\n';
    const pieces = [text.slice(0, 5), text.slice(5, 40), text.slice(40, 41), text.slice(41)];
    const { url, agent } = await rawUpstream(200, 'text/event-stream', pieces);
    expect(
      await chat(
        openaiUpstream({ kind: 'openai', baseUrl: `${url}/v1`, apiKey: null }, agent, 5_000),
      ),
    ).toEqual([
      { type: 'delta', text: 'Hi' },
      { type: 'done', usage: { promptTokens: 4, completionTokens: 1 } },
    ]);
  });

  it('treats a stream that ends without [DONE] as complete, and fails on an error event', async () => {
    const open = await rawUpstream(200, 'text/event-stream', [
      sse(chunk('a')),
      `data: ${JSON.stringify(chunk('b'))}`,
    ]);
    expect(
      await chat(
        openaiUpstream({ kind: 'openai', baseUrl: open.url, apiKey: null }, open.agent, 5_000),
      ),
    ).toEqual([
      { type: 'delta', text: 'a' },
      { type: 'delta', text: 'b' },
      { type: 'done', usage: null },
    ]);

    const failing = await rawUpstream(200, 'text/event-stream', [
      sse(chunk('a')),
      sse({ error: { message: 'overloaded' } }),
    ]);
    await expect(
      chat(
        openaiUpstream(
          { kind: 'openai', baseUrl: failing.url, apiKey: null },
          failing.agent,
          5_000,
        ),
      ),
    ).rejects.toThrow('overloaded');
  });

  it('rejects an error status with its status, so a 429 is retried like the client’s', async () => {
    const { url, agent } = await rawUpstream(429, 'application/json', [
      JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_error' } }),
    ]);
    const error = await chat(
      openaiUpstream({ kind: 'openai', baseUrl: url, apiKey: null }, agent, 5_000),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, message: 'Rate limit reached' });
    expect(classifyFailure(error, false)).toMatchObject({ retryable: true, fault: true });
  });
});

describe('LineSplitter', () => {
  it('joins lines across chunks and strips CR before LF', () => {
    const lines = new LineSplitter();
    expect(lines.push('ab')).toEqual([]);
    expect(lines.push('c\r\nde\n\nf')).toEqual(['abc', 'de', '']);
    expect(lines.push('g\r')).toEqual([]);
    expect(lines.end()).toEqual(['fg']);
    expect(lines.end()).toEqual([]);
  });
});
