import cors from '@fastify/cors';
import helmet, {} from 'helmet';
import fp from 'fastify-plugin';
import { API_HEADERS } from './api-headers.js';
const ONE_YEAR_SECONDS = 31_536_000;
/**
 * The browser-facing promises of CONTRACT.md: a CSP with no inline scripts that forbids framing,
 * nosniff, a referrer policy, the request id, no-store on everything that is not a static
 * asset, HSTS only over TLS (a plain-HTTP LAN install must not be told to insist on HTTPS), and
 * CORS for the exact allow-list only.
 *
 * Two sets of headers, both fixed at start. API answers (JSON, event streams, downloads) get
 * the short set a document-less response needs: a CSP that allows nothing at all, so a response
 * opened in a browser can run and load nothing. Pages (the web UI, the API docs) get helmet's
 * set, whose policy lets a page load its own scripts, styles and images and which adds the
 * headers that only act on documents (`Cross-Origin-Opener-Policy`, `Origin-Agent-Cluster`,
 * `X-DNS-Prefetch-Control`): the plugin context that serves pages sets `pageHeaders()`.
 * Every request pays only for the headers it needs: each header costs a measurable share of a
 * small request (bench/http.bench.ts). Helmet itself is run once at start: building its
 * middleware on every request (what @fastify/helmet does) cost ~45 µs per request.
 */
export const securityHeaders = fp(async (app, options) => {
    const hsts = `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`;
    // Set when the request arrives, not in an onSend hook: one hook instead of two, and no
    // onSend hook at all keeps Fastify on its fast path. Whatever answers later (a route, the
    // error handler, static files setting their own cache policy) replaces what it needs.
    app.addHook('onRequest', (request, reply, done) => {
        reply.headers(API_HEADERS);
        reply.header('x-request-id', request.id);
        if (request.protocol === 'https')
            reply.header('strict-transport-security', hsts);
        done();
    });
    // With no allow-list (the default) no origin may call the API, so no CORS header is ever
    // sent and the plugin need not run at all.
    if (options.corsOrigins.length === 0)
        return;
    const allowAny = options.corsOrigins.includes('*');
    const allowed = new Set(options.corsOrigins);
    await app.register(cors, {
        // '*' (development only) answers with a literal '*', never with the caller's origin.
        origin: allowAny
            ? '*'
            : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
        credentials: !allowAny,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        exposedHeaders: [
            'X-Request-Id',
            'Retry-After',
            'RateLimit-Limit',
            'RateLimit-Remaining',
            'RateLimit-Reset',
        ],
        maxAge: 600,
    });
}, { name: 'security-headers' });
/**
 * The headers of a page (the web UI, the API docs): helmet's, whose policy lets a page load
 * its own scripts, styles and images, with the headers that act on documents only. They replace
 * the API set in the plugin context that serves the page; Cache-Control is that context's to
 * set (no-store stays until it does).
 */
export function pageHeaders() {
    return (helmetHeaders ??= computeHelmetHeaders());
}
let helmetHeaders;
const HELMET_OPTIONS = {
    contentSecurityPolicy: {
        useDefaults: false,
        directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            // Inline style attributes are set by UI libraries; inline scripts stay forbidden.
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:'],
            fontSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
        },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false, // sent per request, only over TLS (see above)
    crossOriginEmbedderPolicy: false,
    // Legacy headers for IE8 downloads, Flash/Acrobat cross-domain files and the removed XSS
    // auditor: no current browser acts on them, and every response would carry their bytes.
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
};
/** Runs helmet's middleware once against a recorder and returns the headers it sets. */
function computeHelmetHeaders() {
    const headers = {};
    const recorder = {
        setHeader: (name, value) => {
            headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
        },
        removeHeader: (name) => {
            delete headers[name.toLowerCase()];
        },
    };
    helmet(HELMET_OPTIONS)({}, recorder, (error) => {
        if (error instanceof Error)
            throw error;
    });
    return headers;
}
//# sourceMappingURL=security.js.map