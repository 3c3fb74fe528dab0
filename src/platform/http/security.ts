import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * The browser-facing promises of CONTRACT.md: a CSP with no inline scripts that forbids framing,
 * nosniff, a referrer policy, the request id, no-store on everything that is not a static
 * asset, HSTS only over TLS (a plain-HTTP LAN install must not be told to insist on HTTPS), and
 * CORS for the exact allow-list only.
 *
 * The headers never depend on the request, so helmet computes them once at start: building
 * helmet's middleware on every request (what @fastify/helmet does) cost ~45 µs per request.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance, options: { corsOrigins: readonly string[] }) => {
    const headers = { ...computeHelmetHeaders(), 'cache-control': 'no-store' };
    const hsts = `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`;
    // Set when the request arrives, not in an onSend hook: one hook instead of two, and no
    // onSend hook at all keeps Fastify on its fast path. Whatever answers later (a route, the
    // error handler, static files setting their own cache policy) replaces what it needs.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(headers);
      reply.header('x-request-id', request.id);
      if (request.protocol === 'https') reply.header('strict-transport-security', hsts);
      done();
    });

    // With no allow-list (the default) no origin may call the API, so no CORS header is ever
    // sent and the plugin need not run at all.
    if (options.corsOrigins.length === 0) return;
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
  },
  { name: 'security-headers' },
);

const HELMET_OPTIONS: HelmetOptions = {
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
function computeHelmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(HELMET_OPTIONS)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error instanceof Error) throw error;
    },
  );
  return headers;
}
