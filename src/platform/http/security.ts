import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * The browser-facing promises of CONTRACT.md: a CSP with no inline scripts that forbids framing,
 * nosniff, a referrer policy, no-store on everything that is not a static asset, HSTS only over
 * TLS (a plain-HTTP LAN install must not be told to insist on HTTPS), and CORS for the exact
 * allow-list only.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance, options: { corsOrigins: readonly string[] }) => {
    await app.register(helmet, {
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
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.protocol === 'https') {
        reply.header('strict-transport-security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
      }
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });

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
