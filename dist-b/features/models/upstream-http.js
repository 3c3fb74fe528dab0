import { Agent, fetch as undiciFetch, } from 'undici';
/**
 * The connection pool of one provider. Only the connect timeout is undici's: header and body
 * timeouts are off, because the first-token, idle and overall limits are enforced per call.
 */
export function createUpstreamAgent(connectTimeoutMs) {
    return new Agent({
        connect: { timeout: connectTimeoutMs },
        headersTimeout: 0,
        bodyTimeout: 0,
        keepAliveTimeout: 4_000,
    });
}
/**
 * A `fetch` for the upstream clients that goes through the provider's agent and is also
 * cancelled by `signal` (the ollama client offers no signal of its own for most calls).
 */
export function upstreamFetch(agent, signal) {
    const bound = (input, init) => {
        // The global fetch types come from the undici bundled with Node, a different version.
        const signals = [init?.signal, signal].filter((s) => Boolean(s));
        const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
        return undiciFetch(input, {
            ...init,
            ...(merged ? { signal: merged } : {}),
            dispatcher: agent,
        });
    };
    return bound;
}
/** An upstream's answer with an error status, judged by its `status` like the clients' errors. */
export class UpstreamHttpError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'UpstreamHttpError';
    }
}
/** `endpoint` (`/api/chat`) under a base URL, as the official clients join them. */
export function endpointOf(baseUrl, endpoint) {
    const url = new URL(baseUrl);
    return { origin: url.origin, path: `${url.pathname.replace(/\/+$/, '')}${endpoint}` };
}
const ERROR_TEXT_CHARS = 64 * 1024;
/**
 * POSTs `payload` as JSON through the provider's pool for a streamed answer, and resolves with
 * its body once the status says success. Far cheaper per call than `fetch`, which is why chat
 * streams use it. An error status rejects with an UpstreamHttpError carrying the upstream's
 * message; connection failures and aborts reject with undici's errors or the signal's reason.
 */
export async function postForStream(agent, endpoint, headers, payload, signal) {
    const { statusCode, body } = await agent.request({
        origin: endpoint.origin,
        path: endpoint.path,
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal,
    });
    if (statusCode >= 200 && statusCode < 300)
        return body;
    throw new UpstreamHttpError(statusCode, await errorMessageOf(body, statusCode));
}
/** The upstream's own words for an error: `{"error": "…"}`, `{"error": {"message": "…"}}` or text. */
async function errorMessageOf(body, status) {
    let text = '';
    try {
        body.setEncoding('utf8');
        for await (const chunk of body) {
            text += chunk;
            if (text.length >= ERROR_TEXT_CHARS)
                break; // leaving the loop closes the body
        }
    }
    catch {
        // The status says enough.
    }
    try {
        const error = JSON.parse(text)?.error;
        if (typeof error === 'string')
            return error;
        const message = error?.message;
        if (typeof message === 'string')
            return message;
    }
    catch {
        // Not JSON: the text itself.
    }
    return text.slice(0, 500) || `HTTP ${status}`;
}
const MAX_LINE_CHARS = 16 * 1024 * 1024;
/**
 * Splits text that arrives in chunks into lines ending in `\n` or `\r\n`; a line may span
 * chunks. A line longer than 16 Mi characters is refused rather than buffered without end.
 */
export class LineSplitter {
    #rest = '';
    /** The lines `chunk` completes. */
    push(chunk) {
        if (!chunk.includes('\n')) {
            this.#rest += chunk;
            if (this.#rest.length > MAX_LINE_CHARS)
                throw new Error('upstream sent an over-long line');
            return [];
        }
        const lines = (this.#rest + chunk).split('\n');
        this.#rest = lines.pop() ?? '';
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            if (line.endsWith('\r'))
                lines[i] = line.slice(0, -1);
        }
        return lines;
    }
    /** The last line, when the text did not end with a line break. */
    end() {
        const rest = this.#rest.endsWith('\r') ? this.#rest.slice(0, -1) : this.#rest;
        this.#rest = '';
        return rest === '' ? [] : [rest];
    }
}
//# sourceMappingURL=upstream-http.js.map