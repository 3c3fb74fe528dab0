import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { scrubString } from './logging/redact.js';

/** How soon a catch-up that failed on a working connection is tried again. */
const RETRY_MS = 1000;

export interface ChannelFollower {
  close(): void;
}

/**
 * Follows one Redis channel on a connection of its own, and stays subscribed across outages.
 *
 * ioredis can resubscribe by itself after a reconnect, but it leaves that command's promise
 * unhandled: a connection that drops again before Redis answers ends the process with an
 * unhandled rejection. It also says nothing of what was published while the connection was
 * down. So this subscribes itself on every connect and then calls `catchUp`, for the caller to
 * read from Redis what it may have missed. Both are retried until they succeed or `close()`.
 */
export async function followChannel(options: {
  redis: Redis;
  channel: string;
  onMessage: (message: string) => void;
  /** Runs once subscribed, at start and after every reconnect. */
  catchUp?: () => Promise<void>;
  logger: Pick<Logger, 'warn'>;
}): Promise<ChannelFollower> {
  const { channel, onMessage, catchUp, logger } = options;
  const subscriber = options.redis.duplicate({
    enableOfflineQueue: true,
    commandTimeout: undefined,
    autoResubscribe: false,
  });
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  subscriber.on('error', (error: Error) =>
    logger.warn({ channel, reason: scrubString(error.message) }, 'Redis subscriber error'),
  );
  subscriber.on('message', (_channel: string, message: string) => onMessage(message));

  const subscribe = async () => {
    await subscriber.subscribe(channel);
    await catchUp?.();
  };
  const resubscribe = () => {
    clearTimeout(retry);
    if (closed) return;
    subscribe().catch((error: unknown) => {
      logger.warn(
        { channel, reason: scrubString((error as Error).message) },
        'could not follow a Redis channel again; retrying',
      );
      // A dropped connection retries on its next 'ready'; a working one needs a timer.
      if (!closed && subscriber.status === 'ready') {
        retry = setTimeout(resubscribe, RETRY_MS);
        retry.unref();
      }
    });
  };

  const follower: ChannelFollower = {
    close: () => {
      closed = true;
      clearTimeout(retry);
      subscriber.disconnect();
    },
  };
  try {
    await subscribe();
  } catch (error) {
    follower.close();
    throw error;
  }
  // Every later 'ready' is a reconnect, which starts with no subscription.
  subscriber.on('ready', resubscribe);
  return follower;
}
