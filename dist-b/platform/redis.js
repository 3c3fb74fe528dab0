import { Redis } from 'ioredis';
import { scrubString } from './logging/redact.js';
export class RedisUnavailableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RedisUnavailableError';
    }
}
/** Where the server is, for messages: never the password. */
function describeRedis(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.hostname}:${parsed.port || '6379'}`;
    }
    catch {
        return 'the REDIS_URL server';
    }
}
/**
 * Connects to Redis, waiting up to `connectRetryMs` for it to answer (ioredis reconnects with
 * backoff meanwhile), then gives up with a message naming the server. Once connected, commands
 * fail fast while Redis is unreachable (no offline queue, short timeout), so an outage degrades
 * rate limits and shows in readiness instead of making every request wait.
 */
export async function connectRedis(url, logger, connectRetryMs = 30_000) {
    const redis = new Redis(url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 1000,
        retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    let lastError = '';
    let attempts = 0;
    redis.on('error', (error) => {
        attempts += 1;
        // ioredis repeats the same error on every reconnect attempt; log each change once.
        if (error.message !== lastError) {
            logger.warn({ reason: scrubString(error.message) }, 'Redis error');
        }
        lastError = error.message;
    });
    redis.on('ready', () => {
        lastError = '';
    });
    const ready = new Promise((resolve) => redis.once('ready', () => resolve()));
    redis.connect().catch(() => undefined); // failures arrive as 'error' events and are retried
    let timer;
    const gaveUp = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), connectRetryMs);
    });
    const outcome = await Promise.race([ready, gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
        redis.disconnect();
        throw new RedisUnavailableError(`Could not reach Redis at ${describeRedis(url)} after ${Math.max(attempts, 1)} attempts over ${Math.round(connectRetryMs / 1000)} s (${scrubString(lastError) || 'no answer'}). Check REDIS_URL and that the server is running.`);
    }
    return redis;
}
//# sourceMappingURL=redis.js.map