import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { scrubString } from './logging/redact.js';

/**
 * Connects to Redis. Commands fail fast while it is unreachable (no offline queue, short
 * timeout), so a Redis outage degrades rate limits and shows in readiness instead of making
 * every request wait.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis repeats the same error on every reconnect attempt; log each change once.
    if (error.message !== lastError)
      logger.warn({ reason: scrubString(error.message) }, 'Redis error');
    lastError = error.message;
  });
  redis.on('ready', () => {
    lastError = '';
  });
  await redis.connect();
  return redis;
}
