/** RFC 6265 cookie names: an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 6265 cookie-octets: no whitespace, control characters, `"`, `,`, `;` or `\`. */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const MAX_COOKIES = 64;
/**
 * The cookies of a `Cookie` request header by name. The first of two cookies with one name
 * wins (browsers send the one with the longer path first); malformed pairs are skipped, and a
 * value is taken as sent, without decoding (the cookies Enclave sets need none).
 */
export function parseCookies(header) {
    const cookies = new Map();
    if (!header)
        return cookies;
    for (const pair of header.split(';', MAX_COOKIES)) {
        const equals = pair.indexOf('=');
        if (equals <= 0)
            continue;
        const name = pair.slice(0, equals).trim();
        let value = pair.slice(equals + 1).trim();
        if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
            value = value.slice(1, -1);
        }
        if (!COOKIE_NAME.test(name) || cookies.has(name))
            continue;
        cookies.set(name, value);
    }
    return cookies;
}
/**
 * One `Set-Cookie` header value. Nothing is quoted or encoded: a name or value that would need
 * it (whitespace, `;`, `,`, quotes, control characters) throws instead.
 */
export function serializeCookie(name, value, attributes) {
    if (!COOKIE_NAME.test(name))
        throw new Error(`invalid cookie name: ${name}`);
    if (!COOKIE_VALUE.test(value))
        throw new Error(`invalid value for cookie ${name}`);
    if (!/^\/[\x21-\x3A\x3C-\x7E]*$/.test(attributes.path))
        throw new Error('invalid cookie path');
    const maxAge = Math.max(0, Math.floor(attributes.maxAgeSeconds));
    const parts = [`${name}=${value}`];
    if (attributes.httpOnly)
        parts.push('HttpOnly');
    parts.push(`SameSite=${attributes.sameSite}`, `Path=${attributes.path}`, `Max-Age=${maxAge}`);
    if (attributes.secure)
        parts.push('Secure');
    return parts.join('; ');
}
//# sourceMappingURL=cookies.js.map