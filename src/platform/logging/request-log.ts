import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: no access-log line for successful responses of this route. */
    accessLog?: boolean;
  }
}

/**
 * One log line per answered request (method, URL without secret query values, status, time),
 * replacing Fastify's two. A route with `config: { accessLog: false }` is left out when it
 * succeeds: the health routes are, since probes every few seconds would drown everything else.
 * (A flag rather than a route `logLevel`, which makes Fastify re-level a logger per request.)
 */
export const requestLog = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', (request, reply, done) => {
      const quiet = request.routeOptions.config.accessLog === false && reply.statusCode < 400;
      if (quiet) return done();
      request.log.info(
        { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
        'request completed',
      );
      done();
    });
  },
  { name: 'request-log' },
);
