import type { Redis } from 'ioredis';
import type { Logger } from '../../../platform/logging/logger.js';

const KEEP_MS = 60 * 60 * 1000;

/**
 * The text of generations running on this instance, readable by other instances through
 * Redis. Each delta is appended to a Redis key before its event is published on the same
 * connection, so an instance that subscribes first and then reads the key misses nothing:
 * a delta is either in what it read or in an event it receives afterwards.
 */
export class LiveText {
  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  /** Call before publishing the delta's event. */
  append(messageId: string, offset: number, delta: string): void {
    if (!this.redis) return;
    const key = this.#key(messageId);
    const fail = (error: unknown) =>
      this.logger.warn({ reason: (error as Error).message }, 'could not share streaming text');
    this.redis.append(key, delta).catch(fail);
    if (offset === 0) this.redis.pexpire(key, KEEP_MS).catch(fail);
  }

  /** The text so far of a generation running on another instance; null if none is known. */
  async read(messageId: string): Promise<string | null> {
    if (!this.redis) return null;
    try {
      return await this.redis.get(this.#key(messageId));
    } catch {
      return null;
    }
  }

  clear(messageId: string): void {
    this.redis?.del(this.#key(messageId)).catch(() => undefined);
  }

  #key(messageId: string): string {
    return `${this.prefix}:live-text:${messageId}`;
  }
}
