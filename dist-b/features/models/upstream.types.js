export const UPSTREAM_ERROR_CODES = [
    'upstream_unavailable',
    'upstream_timeout',
    'upstream_error',
];
/** An upstream call that failed for good (after any retries); `message` is safe to show. */
export class UpstreamError extends Error {
    code;
    constructor(code, message, options = {}) {
        super(message, options);
        this.code = code;
        this.name = 'UpstreamError';
    }
}
//# sourceMappingURL=upstream.types.js.map