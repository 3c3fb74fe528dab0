import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { notFoundHandler } from './error-handler.js';
import { AppError } from './errors.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Shared store across instances; in-process memory when null. */
  redis: Redis | null;
  /** Key prefix in Redis, so several deployments (or test runs) can share one server. */
  redisPrefix: string;
}

/**
 * The global per-address limit. Over it: 429 `rate_limited` with Retry-After and the
 * RateLimit-* headers of the IETF draft. Routes opt out with `config: { rateLimit: false }`.
 * Unknown routes are limited too.
 * If Redis fails, requests pass (and readiness reports Redis down) rather than all failing.
 */
export const globalRateLimit = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    await app.register(rateLimit, {
      global: true,
      max: options.max,
      timeWindow: options.windowMs,
      enableDraftSpec: true,
      keyGenerator: (request) => request.ip,
      ...(options.redis ? { redis: options.redis, nameSpace: options.redisPrefix } : {}),
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many requests; retry in ${context.after}.`),
    });
    // Unknown URLs count against the limit too, so scanning for routes is throttled.
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFoundHandler);
  },
  { name: 'global-rate-limit' },
);
