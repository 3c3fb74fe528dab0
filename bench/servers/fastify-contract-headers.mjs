// Reference: bare Fastify sending the response headers CONTRACT.md requires on every response
// (the same bytes Enclave sends on an API answer: its API header set, X-Request-Id,
// Cache-Control), so the benchmark can tell the cost of the contract's headers from the cost of
// Enclave's own work.
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import Fastify from 'fastify';
import { API_HEADERS as headers } from '../../dist/platform/http/api-headers.js';

const app = Fastify({ logger: false });
app.addHook('onRequest', (_request, reply, done) => {
  reply.headers(headers);
  reply.header('x-request-id', randomUUID());
  done();
});
app.get('/', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
