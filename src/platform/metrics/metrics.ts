import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../http/errors.js';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
}

/** A registry per app (not prom-client's global one), so tests can build many apps. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'enclave_' });
  const httpRequestDuration = new Histogram({
    name: 'enclave_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequestDuration };
}

/**
 * Serves `/metrics` to holders of the metrics token. Responses are recorded in the histogram
 * by the response observer (`http/response-observer.ts`).
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { metrics: Metrics; metricsToken: string }) => {
    const { registry } = options.metrics;
    const expected = digest(options.metricsToken);

    app.get(
      '/metrics',
      {
        schema: { hide: true },
        config: { rateLimit: false },
      },
      async (request, reply) => {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        if (!timingSafeEqual(digest(token), expected)) {
          throw new AppError('unauthorized', 'Send the metrics token as a Bearer token.');
        }
        reply.type(registry.contentType);
        return registry.metrics();
      },
    );
  },
  { name: 'metrics' },
);

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
