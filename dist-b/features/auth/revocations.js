import { ACCESS_TOKEN_TTL_MS } from './access-tokens.js';
/** The revocation-list entry that voids a user's cached API-key answers. */
export const userMarker = (userId) => `user:${userId}`;
/** The revocation-list entry of one revoked API key. */
export const keyMarker = (keyId) => `key:${keyId}`;
/** Revoked sessions need remembering only as long as one of their access tokens can live. */
const REMEMBER_MS = ACCESS_TOKEN_TTL_MS + 60_000;
const PRUNE_EVERY_MS = 60_000;
/**
 * What was revoked in the last access-token lifetime (sessions, and `user:<id>` / `key:<id>`
 * markers that invalidate cached API-key lookups), with when, held in memory so that checking
 * a token costs no database or network round trip. With Redis, a revocation is also written
 * there (expiring with the tokens it concerns) and published, so every instance learns it
 * within a message's latency, and an instance that starts loads the ones still in force.
 */
export class RevokedSessions {
    redis;
    prefix;
    /** id → when it was revoked (ms). */
    #revokedAt = new Map();
    #prune;
    #subscriber = null;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
        this.#prune = setInterval(() => this.#forgetExpired(), PRUNE_EVERY_MS);
        this.#prune.unref();
    }
    static async open(options) {
        const revoked = new RevokedSessions(options.redis, options.prefix);
        if (options.redis)
            await revoked.#follow(options.redis, options.logger);
        return revoked;
    }
    has(id) {
        return this.revokedAt(id) !== undefined;
    }
    /** When `id` was revoked, if that was within the last access-token lifetime. */
    revokedAt(id) {
        const at = this.#revokedAt.get(id);
        return at !== undefined && at + REMEMBER_MS > Date.now() ? at : undefined;
    }
    async add(ids) {
        if (ids.length === 0)
            return;
        const at = Date.now();
        for (const id of ids)
            this.#revokedAt.set(id, at);
        if (!this.redis)
            return;
        const pipeline = this.redis.multi();
        for (const id of ids)
            pipeline.set(this.#key(id), String(at), 'PX', REMEMBER_MS);
        pipeline.publish(this.#channel, `${at}|${ids.join(',')}`);
        await pipeline.exec();
    }
    async close() {
        clearInterval(this.#prune);
        this.#subscriber?.disconnect();
    }
    get #channel() {
        return `${this.prefix}revocations`;
    }
    #key(sessionId) {
        return `${this.prefix}revoked:${sessionId}`;
    }
    async #follow(redis, logger) {
        const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
        subscriber.on('error', (error) => logger.warn({ reason: error.message }, 'Redis subscriber error'));
        this.#subscriber = subscriber;
        subscriber.on('message', (_channel, message) => {
            const [at, ids = ''] = message.split('|');
            for (const id of ids.split(','))
                if (id)
                    this.#revokedAt.set(id, Number(at));
        });
        await subscriber.subscribe(this.#channel);
        // Those revoked before this instance started, and still in force.
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
    #forgetExpired() {
        const now = Date.now();
        for (const [id, at] of this.#revokedAt)
            if (at + REMEMBER_MS <= now)
                this.#revokedAt.delete(id);
    }
}
//# sourceMappingURL=revocations.js.map