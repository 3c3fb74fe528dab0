import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../http/errors.js';
import { RequestDurations } from './request-durations.js';
/** A registry per app (not prom-client's global one), so tests can build many apps. */
export function createMetrics() {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'enclave_' });
    const httpRequestDuration = new RequestDurations();
    httpRequestDuration.registerIn(registry);
    return { registry, httpRequestDuration };
}
/**
 * Serves `/metrics` to holders of the metrics token. Responses are recorded in the histogram
 * by the response observer (`http/response-observer.ts`).
 */
export const metricsPlugin = fp(async (app, options) => {
    const { registry } = options.metrics;
    const expected = digest(options.metricsToken);
    app.get('/metrics', {
        schema: { hide: true },
        config: { rateLimit: false },
    }, async (request, reply) => {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        if (!timingSafeEqual(digest(token), expected)) {
            throw new AppError('unauthorized', 'Send the metrics token as a Bearer token.');
        }
        reply.type(registry.contentType);
        return registry.metrics();
    });
}, { name: 'metrics' });
function digest(value) {
    return createHash('sha256').update(value).digest();
}
//# sourceMappingURL=metrics.js.map