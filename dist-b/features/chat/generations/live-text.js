const KEEP_MS = 60 * 60 * 1000;
/**
 * The text of generations running on this instance, readable by other instances through
 * Redis. Each delta is appended to a Redis key before its event is published on the same
 * connection, so an instance that subscribes first and then reads the key misses nothing:
 * a delta is either in what it read or in an event it receives afterwards.
 */
export class LiveText {
    redis;
    prefix;
    logger;
    constructor(redis, prefix, logger) {
        this.redis = redis;
        this.prefix = prefix;
        this.logger = logger;
    }
    /** Call before publishing the delta's event. */
    append(messageId, offset, delta) {
        if (!this.redis)
            return;
        const key = this.#key(messageId);
        const fail = (error) => this.logger.warn({ reason: error.message }, 'could not share streaming text');
        this.redis.append(key, delta).catch(fail);
        if (offset === 0)
            this.redis.pexpire(key, KEEP_MS).catch(fail);
    }
    /** The text so far of a generation running on another instance; null if none is known. */
    async read(messageId) {
        if (!this.redis)
            return null;
        try {
            return await this.redis.get(this.#key(messageId));
        }
        catch {
            return null;
        }
    }
    clear(messageId) {
        this.redis?.del(this.#key(messageId)).catch(() => undefined);
    }
    #key(messageId) {
        return `${this.prefix}:live-text:${messageId}`;
    }
}
//# sourceMappingURL=live-text.js.map