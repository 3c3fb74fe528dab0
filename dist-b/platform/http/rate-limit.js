import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { notFoundHandler } from './error-handler.js';
import { AppError } from './errors.js';
/**
 * The global per-address limit. Over it: 429 `rate_limited` with Retry-After and the
 * RateLimit-* headers of the IETF draft. Routes opt out with `config: { rateLimit: false }`.
 * Unknown routes are limited too.
 * If Redis fails, requests pass (and readiness reports Redis down) rather than all failing.
 */
export const globalRateLimit = fp(async (app, options) => {
    await app.register(rateLimit, {
        global: true,
        max: options.max,
        timeWindow: options.windowMs,
        enableDraftSpec: true,
        keyGenerator: (request) => request.ip,
        ...(options.redis ? { redis: options.redis, nameSpace: options.redisPrefix } : {}),
        skipOnError: true,
        errorResponseBuilder: (_request, context) => new AppError('rate_limited', `Too many requests; retry in ${context.after}.`),
    });
    // Unknown URLs count against the limit too, so scanning for routes is throttled.
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFoundHandler);
}, { name: 'global-rate-limit' });
//# sourceMappingURL=rate-limit.js.map