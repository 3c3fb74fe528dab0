/** One server-sent event: its name (`message` when the stream gave none) and its data. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * A parser for the `text/event-stream` format (WHATWG HTML, "server-sent events"): feed it
 * text in chunks of any size — a chunk may end in the middle of a line, or between the CR and
 * LF of one line break — and it calls `onEvent` for each complete event. Comment lines
 * (`: keepalive`) are skipped; several `data:` lines join with a line feed.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  /** The last chunk ended in CR: an LF at the start of the next belongs to that break. */
  let pendingCr = false;
  let eventName = '';
  let data: string[] = [];
  let lastId: string | null = null;

  function dispatch() {
    if (data.length > 0) {
      onEvent({ event: eventName || 'message', data: data.join('\n'), id: lastId });
    }
    eventName = '';
    data = [];
  }

  function line(text: string) {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventName = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      default:
        // `retry` and unknown fields: nothing this client uses.
        break;
    }
  }

  return {
    push(chunk: string) {
      let text = chunk;
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let start = 0;
      for (let index = 0; index < buffer.length; index++) {
        const char = buffer[index];
        if (char !== '\n' && char !== '\r') continue;
        line(buffer.slice(start, index));
        if (char === '\r') {
          if (index + 1 === buffer.length) pendingCr = true;
          else if (buffer[index + 1] === '\n') index++;
        }
        start = index + 1;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: an event without its closing blank line is dropped, as the spec says. */
    end() {
      buffer = '';
      eventName = '';
      data = [];
    },
  };
}

/**
 * Reads a response body as an event stream until it ends, decoding UTF-8 across chunk
 * boundaries (a character may be split between two network packets). `onEvent` returns
 * `false` to stop reading early; the rest of the body is then cancelled.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => boolean | void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let stopped = false;
  const parser = createSseParser((event) => {
    if (!stopped && onEvent(event) === false) stopped = true;
  });
  try {
    while (!stopped) {
      const { value, done } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        break;
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
    if (stopped) await reader.cancel().catch(() => undefined);
  } finally {
    parser.end();
    reader.releaseLock();
  }
}
