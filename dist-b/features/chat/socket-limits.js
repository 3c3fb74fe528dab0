/**
 * A per-user budget of socket messages per minute, refilled continuously (token bucket), so
 * a burst is allowed but a steady flood is not. `strikes` counts refusals in a row, so a
 * client that keeps going after being told can be disconnected.
 */
export class MessageRateLimit {
    perMinute;
    #buckets = new Map();
    constructor(perMinute) {
        this.perMinute = perMinute;
    }
    /** Takes one message from the user's budget; false when it is spent. */
    take(userId, now = Date.now()) {
        const bucket = this.#buckets.get(userId) ?? { tokens: this.perMinute, at: now, strikes: 0 };
        bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
        bucket.at = now;
        this.#buckets.set(userId, bucket);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            bucket.strikes = 0;
            return { allowed: true, strikes: 0 };
        }
        bucket.strikes += 1;
        return { allowed: false, strikes: bucket.strikes };
    }
    /** Forgets budgets that have refilled (a reconnect must not reset a spent one). */
    prune(now = Date.now()) {
        for (const [userId, bucket] of this.#buckets) {
            if (now - bucket.at >= 60_000)
                this.#buckets.delete(userId);
        }
    }
}
//# sourceMappingURL=socket-limits.js.map