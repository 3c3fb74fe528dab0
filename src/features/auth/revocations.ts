import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { followChannel, type ChannelFollower } from '../../platform/redis-channel.js';
import { ACCESS_TOKEN_TTL_MS } from './access-tokens.js';

/** The revocation-list entry that voids a user's cached API-key answers. */
export const userMarker = (userId: string) => `user:${userId}`;
/** The revocation-list entry of one revoked API key. */
export const keyMarker = (keyId: string) => `key:${keyId}`;

/** Revoked sessions need remembering only as long as one of their access tokens can live. */
const REMEMBER_MS = ACCESS_TOKEN_TTL_MS + 60_000;
const PRUNE_EVERY_MS = 60_000;
/** How often revocations that could not reach Redis are sent again. */
const RESEND_EVERY_MS = 1000;

/**
 * What was revoked in the last access-token lifetime (sessions, and `user:<id>` / `key:<id>`
 * markers that invalidate cached API-key lookups), with when, held in memory so that checking
 * a token costs no database or network round trip. With Redis, a revocation is also written
 * there (expiring with the tokens it concerns) and published, so every instance learns it
 * within a message's latency, and an instance that starts, or hears Redis again after an
 * outage, loads the ones still in force. A revocation made while Redis cannot be reached holds
 * here at once and is sent on until Redis takes it.
 */
export class RevokedSessions {
  /** id → when it was revoked (ms). */
  readonly #revokedAt = new Map<string, number>();
  readonly #prune: NodeJS.Timeout;
  #follower: ChannelFollower | null = null;
  /** Revocations Redis has not taken yet, oldest first. */
  #unsent: { at: number; ids: readonly string[] }[] = [];
  #resend: NodeJS.Timeout | undefined;

  private constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.#prune = setInterval(() => this.#forgetExpired(), PRUNE_EVERY_MS);
    this.#prune.unref();
  }

  static async open(options: {
    redis: Redis | null;
    prefix: string;
    logger: FastifyBaseLogger;
  }): Promise<RevokedSessions> {
    const revoked = new RevokedSessions(options.redis, options.prefix, options.logger);
    if (options.redis) await revoked.#follow(options.redis);
    return revoked;
  }

  has(id: string): boolean {
    return this.revokedAt(id) !== undefined;
  }

  /** When `id` was revoked, if that was within the last access-token lifetime. */
  revokedAt(id: string): number | undefined {
    const at = this.#revokedAt.get(id);
    return at !== undefined && at + REMEMBER_MS > Date.now() ? at : undefined;
  }

  /**
   * Revokes `ids` here at once and on every instance as soon as Redis takes it. Never fails:
   * while Redis cannot be reached, the revocation is sent again every second.
   */
  async add(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const at = Date.now();
    for (const id of ids) this.#revokedAt.set(id, at);
    if (!this.redis) return;
    this.#unsent.push({ at, ids });
    await this.#sendUnsent();
  }

  async close(): Promise<void> {
    clearInterval(this.#prune);
    clearTimeout(this.#resend);
    this.#follower?.close();
  }

  async #sendUnsent(): Promise<void> {
    clearTimeout(this.#resend);
    const batch = this.#unsent;
    if (!this.redis || batch.length === 0) return;
    this.#unsent = [];
    const pipeline = this.redis.multi();
    for (const { at, ids } of batch) {
      const left = at + REMEMBER_MS - Date.now();
      if (left <= 0) continue;
      for (const id of ids) pipeline.set(this.#key(id), String(at), 'PX', left);
      pipeline.publish(this.#channel, `${at}|${ids.join(',')}`);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.#unsent = [...batch, ...this.#unsent];
      this.logger.warn(
        { reason: (error as Error).message, waiting: this.#unsent.length },
        'could not share a revocation through Redis; it holds on this instance, sending again',
      );
      this.#resend = setTimeout(() => void this.#sendUnsent(), RESEND_EVERY_MS);
      this.#resend.unref();
    }
  }

  get #channel(): string {
    return `${this.prefix}revocations`;
  }

  #key(sessionId: string): string {
    return `${this.prefix}revoked:${sessionId}`;
  }

  async #follow(redis: Redis): Promise<void> {
    this.#follower = await followChannel({
      redis,
      channel: this.#channel,
      onMessage: (message) => {
        const [at, ids = ''] = message.split('|');
        for (const id of ids.split(',')) if (id) this.#revokedAt.set(id, Number(at));
      },
      // Those revoked before this instance started, or while it could not hear Redis.
      catchUp: () => this.#load(redis),
      logger: this.logger,
    });
  }

  async #load(redis: Redis): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', this.#key('*'), 'COUNT', 500);
      cursor = next;
      const start = this.#key('').length;
      const values = keys.length > 0 ? await redis.mget(keys) : [];
      keys.forEach((key, index) => {
        this.#revokedAt.set(key.slice(start), Number(values[index] ?? Date.now()));
      });
    } while (cursor !== '0');
  }

  #forgetExpired(): void {
    const now = Date.now();
    for (const [id, at] of this.#revokedAt) if (at + REMEMBER_MS <= now) this.#revokedAt.delete(id);
  }
}
