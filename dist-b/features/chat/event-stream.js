import { startEventStreamResponse } from '../../platform/http/event-stream-response.js';
const KEEPALIVE_MS = 15_000;
/** A reader this far behind is dropped; the generation goes on and can be followed again. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * Turns a reply into a server-sent event stream. A client that stops reading is disconnected once its buffer passes
 * a bound, so one slow reader cannot hold unbounded memory.
 */
export function openEventStream(reply) {
    const raw = startEventStreamResponse(reply);
    let closed = false;
    const listeners = [];
    const close = () => {
        if (closed)
            return;
        closed = true;
        clearInterval(keepalive);
        for (const listener of listeners.splice(0))
            listener();
    };
    const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    raw.on('close', close);
    const write = (chunk) => {
        if (closed)
            return;
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
            raw.destroy();
            close();
            return;
        }
        raw.write(chunk);
    };
    return {
        send(name, data) {
            write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        onClose(listener) {
            if (closed)
                listener();
            else
                listeners.push(listener);
        },
        end() {
            if (!closed)
                raw.end();
            close();
        },
        get closed() {
            return closed;
        },
    };
}
//# sourceMappingURL=event-stream.js.map