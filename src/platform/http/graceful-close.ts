import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Once the server starts closing, every response still being served says `Connection: close`.
 * Otherwise a request that was in flight leaves its keep-alive connection open and idle after
 * it finishes, and the server waits for the client to hang up until the shutdown timeout.
 */
export const closeConnectionsWhenClosing = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (closing) reply.header('connection', 'close');
      return payload;
    });
  },
  { name: 'close-connections-when-closing' },
);
