import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { followChannel, type ChannelFollower } from '../redis-channel.js';

/** An event addressed to one topic (a message id, a user id…). */
export interface TopicEvent {
  topic: string;
}

type Listener<E> = (event: E) => void;

/**
 * Publish/subscribe by topic. Listeners in this process get an event synchronously when it is
 * published; with Redis, it is also sent on one channel to every other instance, which hands it
 * to its own listeners. An instance ignores its own events coming back from Redis, so each
 * listener sees each event once, in the order it was published.
 */
export class EventHub<E extends TopicEvent> {
  readonly #listeners = new Map<string, Set<Listener<E>>>();
  readonly #onRejoined = new Set<() => void>();
  #follower: ChannelFollower | null = null;

  private constructor(
    private readonly redis: Redis | null,
    private readonly channel: string,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {}

  static async open<E extends TopicEvent>(options: {
    redis: Redis | null;
    channel: string;
    instanceId: string;
    logger: Logger;
  }): Promise<EventHub<E>> {
    const hub = new EventHub<E>(options.redis, options.channel, options.instanceId, options.logger);
    if (options.redis) await hub.#follow(options.redis);
    return hub;
  }

  publish(event: E): void {
    this.#deliver(event);
    if (!this.redis) return;
    const envelope = `${this.instanceId}|${JSON.stringify(event)}`;
    this.redis.publish(this.channel, envelope).catch((error: unknown) => {
      this.logger.warn({ reason: (error as Error).message }, 'could not publish an event to Redis');
    });
  }

  /** Calls `listener` with every event on `topic` until the returned function is called. */
  subscribe(topic: string, listener: Listener<E>): () => void {
    let listeners = this.#listeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(topic, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.#listeners.get(topic);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(topic);
    };
  }

  /**
   * Calls `callback` each time this instance hears Redis again after an outage, during which
   * events from other instances were lost; until the returned function is called.
   */
  onRejoined(callback: () => void): () => void {
    this.#onRejoined.add(callback);
    return () => this.#onRejoined.delete(callback);
  }

  close(): void {
    this.#follower?.close();
    this.#follower = null;
    this.#listeners.clear();
    this.#onRejoined.clear();
  }

  #deliver(event: E): void {
    const listeners = this.#listeners.get(event.topic);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error }, 'an event listener failed');
      }
    }
  }

  async #follow(redis: Redis): Promise<void> {
    this.#follower = await followChannel({
      redis,
      channel: this.channel,
      onMessage: (message) => {
        const split = message.indexOf('|');
        if (split < 0 || message.slice(0, split) === this.instanceId) return;
        try {
          this.#deliver(JSON.parse(message.slice(split + 1)) as E);
        } catch (error) {
          this.logger.warn({ reason: (error as Error).message }, 'unreadable event from Redis');
        }
      },
      // At start nobody waits on it; after an outage, followers read what they missed.
      catchUp: async () => {
        for (const callback of [...this.#onRejoined]) callback();
      },
      logger: this.logger,
    });
  }
}
