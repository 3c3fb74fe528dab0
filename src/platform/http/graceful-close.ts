import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';

const RETRY_AFTER_SECONDS = 5;

/**
 * Once the server starts closing, a request arriving on a kept-alive connection gets 503
 * `service_unavailable` as problem+json (Fastify's own `return503OnClosing` answer is turned off
 * because it is not), and every response says `Connection: close`. Otherwise a request that was
 * in flight leaves its connection open and idle after it finishes, and the server waits for the
 * client to hang up until the shutdown timeout.
 */
export const closeConnectionsWhenClosing = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', (_request, reply, done) => {
      if (!closing) return done();
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      done(new AppError('service_unavailable', 'The server is shutting down; retry shortly.'));
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'close-connections-when-closing' },
);
