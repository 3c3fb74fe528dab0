import { describe, expect, it } from 'vitest';
import { applyDelta, toChatEvent } from './chat-events';
import { createSseParser, readEventStream, type SseEvent } from './sse-parser';

function parseChunks(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

const STREAM =
  'event: queued\ndata: {"messageId":"m1","position":2}\n\n' +
  ': keepalive\n\n' +
  'event: delta\ndata: {"messageId":"m1","delta":"Hel","offset":0}\n\n' +
  'event: delta\ndata: {"messageId":"m1","delta":"lo ✓","offset":3}\n\n' +
  'event: done\ndata: {"messageId":"m1","status":"complete","usage":{"promptTokens":1,"completionTokens":2}}\n\n';

describe('the SSE parser', () => {
  it('reads named events and skips comments', () => {
    const events = parseChunks([STREAM]);
    expect(events.map((event) => event.event)).toEqual(['queued', 'delta', 'delta', 'done']);
    expect(JSON.parse(events[2]?.data ?? '')).toMatchObject({ delta: 'lo ✓', offset: 3 });
  });

  it('gives the same events however the stream is split into chunks', () => {
    const whole = parseChunks([STREAM]);
    for (let cut = 1; cut < STREAM.length; cut++) {
      expect(parseChunks([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(whole);
    }
    expect(parseChunks([...STREAM])).toEqual(whole);
  });

  it('accepts CRLF and CR line breaks, also with CR and LF in different chunks', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    const cr = STREAM.replaceAll('\n', '\r');
    const whole = parseChunks([STREAM]);
    expect(parseChunks([crlf])).toEqual(whole);
    expect(parseChunks([cr])).toEqual(whole);
    for (let cut = 1; cut < crlf.length; cut++) {
      expect(parseChunks([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(whole);
    }
  });

  it('joins several data lines and drops an event the stream cut off', () => {
    const events = parseChunks(['data: one\ndata:two\n\n', 'event: delta\ndata: {"partial"']);
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo', id: null }]);
  });

  it('decodes a character split between two network chunks', async () => {
    const bytes = new TextEncoder().encode(
      'event: delta\ndata: {"messageId":"m","delta":"ü€😀","offset":0}\n\n',
    );
    const euro = bytes.indexOf(0xe2);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, euro + 1));
        controller.enqueue(bytes.slice(euro + 1, euro + 3));
        controller.enqueue(bytes.slice(euro + 3));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readEventStream(body, (event) => {
      events.push(event);
    });
    expect(toChatEvent(events[0] as SseEvent)).toMatchObject({ type: 'delta', delta: 'ü€😀' });
  });

  it('stops reading when told to', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: string[] = [];
    await readEventStream(body, (event) => {
      seen.push(event.data);
      return false;
    });
    expect(seen).toEqual(['1']);
    expect(cancelled).toBe(true);
  });
});

describe('chat events', () => {
  it('reads the typed events and ignores what is not one', () => {
    expect(
      toChatEvent({ event: 'queued', data: '{"messageId":"m","position":3}', id: null }),
    ).toEqual({ type: 'queued', messageId: 'm', position: 3 });
    expect(
      toChatEvent({
        event: 'error',
        data: '{"messageId":"m","status":"failed","code":"upstream_timeout","message":"slow"}',
        id: null,
      }),
    ).toEqual({
      type: 'error',
      messageId: 'm',
      status: 'failed',
      code: 'upstream_timeout',
      message: 'slow',
    });
    expect(toChatEvent({ event: 'delta', data: 'not json', id: null })).toBeNull();
    expect(toChatEvent({ event: 'delta', data: '{"delta":"x","offset":0}', id: null })).toBeNull();
    expect(toChatEvent({ event: 'ping', data: '{"messageId":"m"}', id: null })).toBeNull();
  });
});

describe('applying deltas by offset', () => {
  it('appends a delta that starts where the text ends', () => {
    expect(applyDelta('Hel', 3, 'lo')).toBe('Hello');
  });

  it('adds nothing twice when a reconnect replays from the start', () => {
    expect(applyDelta('Hello', 0, 'Hello, wor')).toBe('Hello, wor');
    expect(applyDelta('Hello', 0, 'Hel')).toBe('Hello');
    expect(applyDelta('Hello', 3, 'lo!')).toBe('Hello!');
  });

  it('reports a gap (text was missed) instead of gluing pieces together', () => {
    expect(applyDelta('Hel', 5, 'world')).toBeNull();
  });
});
