import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../test/support/log-capture.js';
import { closedPort } from '../../test/support/tcp-proxy.js';
import { TEST_REDIS_URL } from '../../test/support/test-env.js';
import { createLogger } from './logging/logger.js';
import { RedisUnavailableError, connectRedis } from './redis.js';

describe('Redis start-up', () => {
  it('retries, then gives up with a message naming the server and never the password', async () => {
    const port = await closedPort();
    const logs = new LogCapture();
    const error = await connectRedis(
      `redis://:redis-pw-81c3@127.0.0.1:${port}`,
      createLogger('info', logs),
      800,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(
      new RegExp(`^Could not reach Redis at 127\\.0\\.0\\.1:${port} after \\d+ attempts`),
    );
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Check REDIS_URL');
    expect(message + logs.text).not.toContain('redis-pw-81c3');
  });

  it.runIf(TEST_REDIS_URL)('connects to a server that answers (needs TEST_REDIS_URL)', async () => {
    const redis = await connectRedis(TEST_REDIS_URL ?? '', createLogger('silent'), 2000);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});
