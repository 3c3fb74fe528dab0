/** Field names whose values are secrets wherever they appear in a log line. */
const SENSITIVE_KEY = /pass(word|phrase|wd)?|secret|token|key|authorization|cookie|credential|otp|recovery/i;
/** `scheme://user:password@host` → the password is replaced. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]+@/gi;
/** Query parameters in logged URLs that carry secrets. */
const SENSITIVE_QUERY = /([?&][^=&#]*(?:token|key|secret|password|code)[^=&#]*=)[^&#]*/gi;
export const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
export function scrubString(value) {
    return value.replace(URL_CREDENTIALS, `$1:${REDACTED}@`);
}
export function scrubUrl(url) {
    // Most request URLs have neither a query nor credentials: nothing to look for.
    if (!url.includes('?') && !url.includes('@'))
        return url;
    return scrubString(url).replace(SENSITIVE_QUERY, `$1${REDACTED}`);
}
/**
 * Returns a copy of a log object with every secret-named field replaced and credentials cut
 * out of strings. Only plain objects and arrays are walked: class instances (requests,
 * sockets, errors) are left to their serializers, which pass their output back through here.
 */
export function scrub(value, depth = 0) {
    if (typeof value === 'string')
        return scrubString(value);
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object')
        return value;
    if (Array.isArray(value))
        return value.map((item) => scrub(item, depth + 1));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
        return value;
    const result = {};
    for (const [key, inner] of Object.entries(value)) {
        result[key] =
            SENSITIVE_KEY.test(key) && inner !== null && inner !== undefined
                ? REDACTED
                : scrub(inner, depth + 1);
    }
    return result;
}
//# sourceMappingURL=redact.js.map