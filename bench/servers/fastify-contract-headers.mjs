// Reference: bare Fastify sending the response headers CONTRACT.md requires on every response
// (the same bytes Enclave sends: helmet's headers, X-Request-Id, Cache-Control), so the
// benchmark can tell the cost of the contract's headers from the cost of Enclave's own work.
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import Fastify from 'fastify';

const headers = {
  'content-security-policy':
    "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

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
