import { constantTimeEqual, randomToken } from '../../platform/crypto/hashing.js';
import { parseCookies, serializeCookie } from '../../platform/http/cookies.js';
import { AppError } from '../../platform/http/errors.js';
/**
 * The web UI's session transport: the refresh token in an httpOnly cookie that only the auth
 * routes receive, and a readable CSRF cookie whose value must come back as `X-CSRF-Token`
 * (double submit) whenever the refresh cookie is used. `Secure` follows the request's scheme,
 * so a plain-HTTP LAN install keeps its cookies (a browser drops `Secure` cookies set over
 * HTTP, which would sign everyone out at the next reload).
 */
export const REFRESH_COOKIE = 'enclave_refresh';
export const CSRF_COOKIE = 'enclave_csrf';
/** Header a client sends to get the refresh token as a cookie instead of in the body. */
export const TRANSPORT_HEADER = 'x-enclave-refresh-transport';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_COOKIE_PATH = '/api/auth';
const CSRF_COOKIE_PATH = '/';
/** The transport the client asked for with `X-Enclave-Refresh-Transport`. */
export function requestedTransport(request) {
    const header = request.headers[TRANSPORT_HEADER];
    return typeof header === 'string' && header.trim().toLowerCase() === 'cookie' ? 'cookie' : 'body';
}
function cookies(request, values, maxAgeSeconds) {
    const secure = request.protocol === 'https';
    return [
        serializeCookie(REFRESH_COOKIE, values.refresh, {
            path: REFRESH_COOKIE_PATH,
            maxAgeSeconds,
            sameSite: 'Strict',
            httpOnly: true,
            secure,
        }),
        // Readable by the web app, which echoes it in X-CSRF-Token.
        serializeCookie(CSRF_COOKIE, values.csrf, {
            path: CSRF_COOKIE_PATH,
            maxAgeSeconds,
            sameSite: 'Strict',
            httpOnly: false,
            secure,
        }),
    ];
}
/**
 * Presents a new token pair: in the body (today's shape), or with the refresh token moved to
 * the refresh cookie, a fresh CSRF cookie beside it, and no `refreshToken` in the body.
 */
export function deliverTokenPair(request, reply, pair, transport) {
    if (transport === 'body') {
        return {
            accessToken: pair.accessToken,
            refreshToken: pair.refreshToken,
            expiresIn: pair.expiresIn,
        };
    }
    const maxAgeSeconds = (pair.refreshExpiresAt - Date.now()) / 1000;
    reply.header('set-cookie', cookies(request, { refresh: pair.refreshToken, csrf: randomToken(32) }, maxAgeSeconds));
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn };
}
/** Tells the browser to drop both cookies (sign-out), whichever transport the client used. */
export function clearSessionCookies(request, reply) {
    reply.header('set-cookie', cookies(request, { refresh: '', csrf: '' }, 0));
}
/**
 * The refresh token of the refresh cookie, once the request proves it comes from the web app:
 * its `X-CSRF-Token` must equal the CSRF cookie. No refresh cookie: 401
 * `invalid_refresh_token`; no or a wrong CSRF token: 403 `csrf_failed`, the refresh token
 * left unused.
 */
export function refreshTokenFromCookie(request) {
    const jar = parseCookies(request.headers.cookie);
    const refreshToken = jar.get(REFRESH_COOKIE);
    if (!refreshToken) {
        throw new AppError('invalid_refresh_token', 'No refresh token in the body or the cookie.');
    }
    const expected = jar.get(CSRF_COOKIE);
    const sent = request.headers[CSRF_HEADER];
    if (!expected || typeof sent !== 'string' || !constantTimeEqual(sent, expected)) {
        throw new AppError('csrf_failed');
    }
    return refreshToken;
}
//# sourceMappingURL=session-cookies.js.map