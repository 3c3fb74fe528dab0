import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../test/support/tcp-proxy.js';
import { TEST_REDIS_URL, randomSuffix } from '../../test/support/test-env.js';
import { createLogger } from './logging/logger.js';
import { followChannel, type ChannelFollower } from './redis-channel.js';
import { connectRedis } from './redis.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A follower whose Redis connections go through a proxy the test can cut. */
async function followThroughProxy(catchUp: () => Promise<void> = async () => undefined) {
  const target = new URL(TEST_REDIS_URL ?? '');
  const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
  cleanups.push(() => proxy.cut());
  target.host = `127.0.0.1:${proxy.port}`;
  const logger = createLogger('silent');
  const redis = await connectRedis(target.toString(), logger, 5000);
  cleanups.push(() => redis.disconnect());
  const publisher = await connectRedis(TEST_REDIS_URL ?? '', logger, 5000);
  cleanups.push(() => publisher.disconnect());
  // The test holds the follower's own connection, to act at the moment it reconnects.
  let subscriber: Redis | undefined;
  const watched = {
    duplicate: (options: object) => (subscriber = redis.duplicate(options)),
  } as unknown as Redis;
  const channel = `enclave-test-${randomSuffix()}`;
  const messages: string[] = [];
  const follower: ChannelFollower = await followChannel({
    redis: watched,
    channel,
    onMessage: (message) => messages.push(message),
    catchUp,
    logger,
  });
  cleanups.push(() => follower.close());
  if (!subscriber) throw new Error('followChannel did not open a connection');
  return { proxy, publisher, channel, messages, follower, subscriber };
}

describe.runIf(TEST_REDIS_URL)('following a Redis channel (needs TEST_REDIS_URL)', () => {
  it('hears the channel again after an outage, and catches up on what it missed', async () => {
    let catchUps = 0;
    const { proxy, publisher, channel, messages } = await followThroughProxy(async () => {
      catchUps += 1;
    });
    expect(catchUps).toBe(1);
    await publisher.publish(channel, 'before');
    await expect.poll(() => messages).toEqual(['before']);

    await proxy.cut();
    await publisher.publish(channel, 'during');
    await proxy.restore();
    await expect.poll(() => catchUps, { timeout: 10_000 }).toBe(2);
    await publisher.publish(channel, 'after');
    await expect.poll(() => messages).toEqual(['before', 'after']);
  });

  it('survives its connection closing again before Redis answers the new subscription', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    cleanups.push(() => process.off('unhandledRejection', onUnhandled));
    const { proxy, follower, subscriber } = await followThroughProxy();

    await proxy.cut();
    const closedOnReconnect = new Promise<void>((resolve) =>
      subscriber.once('ready', () => {
        follower.close();
        resolve();
      }),
    );
    await proxy.restore();
    await closedOnReconnect;
    await expect.poll(() => subscriber.status).toBe('end');
    // An unhandled rejection is reported on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
