import { UpstreamError } from './upstream.types.js';
/** The abort reason when one of our own timers ends an upstream call. */
export class UpstreamTimeout extends Error {
    phase;
    constructor(phase) {
        super(`upstream ${phase.replace('_', ' ')} timeout`);
        this.phase = phase;
        this.name = 'UpstreamTimeout';
    }
}
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
    'EHOSTUNREACH',
    'EHOSTDOWN',
    'ENETUNREACH',
    'ENETDOWN',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
const TIMEOUT_MESSAGES = {
    first_token: 'The model did not start answering in time.',
    idle: 'The model stopped sending its answer.',
    total: 'The model took longer than allowed for one answer.',
};
/** The errors and causes inside an error (undici nests them; happy eyeballs aggregates them). */
function* chain(error, depth = 0) {
    if (depth > 8 || error === null || error === undefined)
        return;
    yield error;
    if (typeof error !== 'object')
        return;
    const { cause, errors } = error;
    yield* chain(cause, depth + 1);
    if (Array.isArray(errors))
        for (const inner of errors)
            yield* chain(inner, depth + 1);
}
function codeOf(error) {
    if (typeof error !== 'object' || error === null)
        return null;
    const code = error.code;
    return typeof code === 'string' ? code : null;
}
/**
 * The HTTP status of an error answer: openai's APIError and our UpstreamHttpError (chat streams)
 * have `status`, ollama's ResponseError `status_code`.
 */
function httpStatusOf(error) {
    if (typeof error !== 'object' || error === null)
        return null;
    const { status, status_code: statusCode } = error;
    if (typeof status === 'number' && status >= 400)
        return status;
    if (typeof statusCode === 'number' && statusCode >= 400)
        return statusCode;
    return null;
}
/** True for opossum's own refusals: the circuit is open (or the breaker was shut down). */
export function isBreakerRefusal(error) {
    const code = codeOf(error);
    return code === 'EOPENBREAKER' || code === 'ESHUTDOWN';
}
/**
 * Judges why an upstream attempt failed. `afterFirstToken` matters for broken connections: before
 * the first token the upstream is unreachable (retry); after it, the answer broke (no retry).
 */
export function classifyFailure(error, afterFirstToken) {
    if (error instanceof UpstreamTimeout) {
        // A whole-answer limit says nothing about the upstream's health; a silent one does.
        return {
            code: 'upstream_timeout',
            message: TIMEOUT_MESSAGES[error.phase],
            retryable: false,
            fault: error.phase !== 'total',
        };
    }
    if (isBreakerRefusal(error)) {
        return {
            code: 'upstream_unavailable',
            message: 'The model upstream is failing; calls to it are paused for a moment.',
            retryable: false,
            fault: false,
        };
    }
    const status = httpStatusOf(error);
    if (status !== null) {
        // 5xx, 408 and 429 are the upstream's trouble; other 4xx (unknown model, bad key) are ours.
        const transient = status >= 500 || status === 408 || status === 429;
        return {
            code: 'upstream_error',
            message: `The model upstream answered with HTTP ${status}.`,
            retryable: transient && !afterFirstToken,
            fault: transient,
        };
    }
    const causes = [...chain(error)];
    const codes = causes.map(codeOf);
    if (codes.some((code) => code !== null && TIMEOUT_CODES.has(code))) {
        return {
            code: 'upstream_timeout',
            message: 'Connecting to the model upstream timed out.',
            retryable: !afterFirstToken,
            fault: true,
        };
    }
    const broken = codes.some((code) => code !== null && NETWORK_CODES.has(code)) ||
        causes.some((inner) => inner instanceof TypeError && isFetchFailure(inner));
    if (broken) {
        return afterFirstToken
            ? {
                code: 'upstream_error',
                message: 'The model upstream broke off its answer.',
                retryable: false,
                fault: true,
            }
            : {
                code: 'upstream_unavailable',
                message: 'The model upstream cannot be reached.',
                retryable: true,
                fault: true,
            };
    }
    return {
        code: 'upstream_error',
        message: afterFirstToken
            ? 'The model upstream broke off its answer.'
            : 'The model upstream failed to answer.',
        retryable: false,
        fault: true,
    };
}
// undici's fetch reports a failed connection as TypeError('fetch failed') and a cut-off body as
// TypeError('terminated'), with the socket error as the cause when there is one.
function isFetchFailure(error) {
    return error.message === 'fetch failed' || error.message === 'terminated';
}
/** The error callers see, keeping the original as its (never shown) cause. */
export function toUpstreamError(failure, cause) {
    return new UpstreamError(failure.code, failure.message, { cause });
}
//# sourceMappingURL=upstream-failure.js.map