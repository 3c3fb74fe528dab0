import { Agent, request, type Dispatcher } from 'undici';

/** One streamed reply as the client saw it. */
export interface StreamTiming {
  /** Request sent to the first piece of reply text received. */
  firstTokenMs: number;
  /** Request sent to the end of the stream. */
  totalMs: number;
  /** Text pieces received (SSE `delta` events, NDJSON lines with content). */
  deltas: number;
}

/**
 * A keep-alive connection pool for one side of a comparison. Both sides get the same kind, so
 * neither pays for connections the other reuses (see `warmConnections`).
 */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, pipelining: 1 });
}

/**
 * Opens (or refreshes) `count` pooled connections with cheap GETs in parallel, so a timed burst
 * finds as many idle connections as it has streams, on either side alike.
 */
export async function warmConnections(
  agent: Dispatcher,
  url: string,
  count: number,
): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await request(url, { dispatcher: agent });
      await response.body.dump();
    }),
  );
}

/** Hands each chunk of a body to `onChunk` as text; lines may span chunks. */
async function readChunks(body: Dispatcher.ResponseData['body'], onChunk: (text: string) => void) {
  body.setEncoding('utf8');
  for await (const chunk of body) onChunk(chunk as string);
}

/**
 * `POST /api/conversations/:id/messages` with `Accept: text/event-stream`: time to the first
 * `delta` event and to the end of the stream. An `error` event fails the call.
 */
export async function streamThroughEnclaveSse(
  agent: Dispatcher,
  origin: string,
  token: string,
  conversationId: string,
  content: string,
  model?: string,
): Promise<StreamTiming> {
  const started = performance.now();
  const response = await request(`${origin}/api/conversations/${conversationId}/messages`, {
    dispatcher: agent,
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(model === undefined ? { content } : { content, model }),
  });
  if (response.statusCode !== 200) {
    throw new Error(`SSE send: ${response.statusCode} ${await response.body.text()}`);
  }
  let firstTokenMs = NaN;
  let deltas = 0;
  let pending = '';
  let failure: string | null = null;
  await readChunks(response.body, (text) => {
    pending += text;
    let end = pending.indexOf('\n\n');
    while (end !== -1) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      end = pending.indexOf('\n\n');
      // Only the event name is needed; the data is parsed only to report an error.
      if (block.startsWith('event: delta\n')) {
        if (deltas === 0) firstTokenMs = performance.now() - started;
        deltas += 1;
      } else if (block.startsWith('event: error\n')) {
        failure = block;
      }
    }
  });
  if (failure !== null) throw new Error(`SSE stream ended with ${String(failure)}`);
  if (deltas === 0) throw new Error('SSE stream ended without a delta');
  return { firstTokenMs, totalMs: performance.now() - started, deltas };
}

/**
 * The same request shape straight to the simulator: Ollama `POST /api/chat` streaming NDJSON;
 * time to the first line with content and to the end of the stream.
 */
export async function streamDirect(
  agent: Dispatcher,
  origin: string,
  model: string,
  content: string,
): Promise<StreamTiming> {
  const started = performance.now();
  const response = await request(`${origin}/api/chat`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }], stream: true }),
  });
  if (response.statusCode !== 200) {
    throw new Error(`direct stream: ${response.statusCode} ${await response.body.text()}`);
  }
  let firstTokenMs = NaN;
  let deltas = 0;
  let pending = '';
  await readChunks(response.body, (text) => {
    pending += text;
    let end = pending.indexOf('\n');
    while (end !== -1) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
      const part = JSON.parse(line) as { message?: { content?: string } };
      if (part.message?.content) {
        if (deltas === 0) firstTokenMs = performance.now() - started;
        deltas += 1;
      }
    }
  });
  if (deltas === 0) throw new Error('direct stream ended without content');
  return { firstTokenMs, totalMs: performance.now() - started, deltas };
}
