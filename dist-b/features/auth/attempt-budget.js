import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../platform/http/errors.js';
const SLOW_STEP_MS = 500;
const MAX_DELAY_MS = 3_000;
/**
 * Counts sign-in attempts (passwords, TOTP and recovery codes) per account, per address and
 * per pair, within a window. An attempt is charged before it is checked, so a burst of parallel
 * guesses cannot all slip in; a success gives its charge back and clears the pair. Counters live
 * in Redis when configured (shared by every instance) and in memory otherwise, or when Redis
 * fails: brute force is then still limited per instance.
 */
export class AttemptBudget {
    redis;
    prefix;
    #memory = new Map();
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    async charge(budgets) {
        let retryAfterS = 0;
        let delayMs = 0;
        for (const budget of budgets) {
            const { count, resetInMs } = await this.#increment(budget);
            if (count > budget.limit)
                retryAfterS = Math.max(retryAfterS, Math.ceil(resetInMs / 1000));
            if (budget.slowAfter !== undefined && count > budget.slowAfter) {
                delayMs = Math.max(delayMs, Math.min((count - budget.slowAfter) * SLOW_STEP_MS, MAX_DELAY_MS));
            }
        }
        return retryAfterS > 0 ? { refused: true, retryAfterS } : { refused: false, delayMs };
    }
    /** After a success: the pair's counter is cleared, the others get their charge back. */
    async refund(budgets, clear) {
        for (const budget of budgets) {
            if (clear.includes(budget.key))
                await this.#delete(budget.key);
            else
                await this.#decrement(budget.key);
        }
    }
    async #increment(budget) {
        if (this.redis) {
            try {
                const key = this.prefix + budget.key;
                const result = await this.redis
                    .multi()
                    .incr(key)
                    .pexpire(key, budget.windowMs, 'NX')
                    .pttl(key)
                    .exec();
                const count = Number(result?.[0]?.[1]);
                const ttl = Number(result?.[2]?.[1]);
                if (Number.isFinite(count))
                    return { count, resetInMs: ttl > 0 ? ttl : budget.windowMs };
            }
            catch {
                // fall through to the in-process counter
            }
        }
        const now = Date.now();
        let entry = this.#memory.get(budget.key);
        if (!entry || entry.resetAt <= now) {
            entry = { count: 0, resetAt: now + budget.windowMs };
            this.#memory.set(budget.key, entry);
            this.#forgetExpired(now);
        }
        entry.count += 1;
        return { count: entry.count, resetInMs: entry.resetAt - now };
    }
    async #decrement(key) {
        const entry = this.#memory.get(key);
        if (entry && entry.count > 0)
            entry.count -= 1;
        if (this.redis) {
            try {
                const value = await this.redis.decr(this.prefix + key);
                if (value < 0)
                    await this.redis.del(this.prefix + key);
            }
            catch {
                // the counter expires with its window anyway
            }
        }
    }
    async #delete(key) {
        this.#memory.delete(key);
        if (this.redis)
            await this.redis.del(this.prefix + key).catch(() => undefined);
    }
    #forgetExpired(now) {
        if (this.#memory.size < 10_000)
            return;
        for (const [key, entry] of this.#memory)
            if (entry.resetAt <= now)
                this.#memory.delete(key);
    }
}
const FIFTEEN_MINUTES = 15 * 60 * 1000;
/** What one sign-in (or code check) for `account` from `address` is charged to. */
export function signInBudgets(account, address) {
    const name = account.toLowerCase();
    return [
        // One guesser at one account: slowed after 5, refused after 10, for 15 minutes at most.
        { key: `pair:${name}:${address}`, limit: 10, slowAfter: 5, windowMs: FIFTEEN_MINUTES },
        // One address trying many accounts.
        { key: `address:${address}`, limit: 50, windowMs: FIFTEEN_MINUTES },
        // Many addresses trying one account: a victim can be locked out for 15 minutes at most,
        // and only by someone guessing from many addresses at once.
        { key: `account:${name}`, limit: 100, windowMs: FIFTEEN_MINUTES },
    ];
}
/** Guesses at one user's TOTP or recovery codes, from anywhere. */
export function codeBudgets(userId) {
    return [{ key: `codes:${userId}`, limit: 5, slowAfter: 2, windowMs: 5 * 60 * 1000 }];
}
/** Throws 429 `rate_limited` with Retry-After, or waits out the slowing delay. */
export async function spend(budget, budgets) {
    const verdict = await budget.charge(budgets);
    if (verdict.refused) {
        throw new AppError('rate_limited', `Too many attempts; retry in ${verdict.retryAfterS} s.`, {
            headers: { 'retry-after': String(verdict.retryAfterS) },
        });
    }
    if (verdict.delayMs > 0)
        await sleep(verdict.delayMs);
}
//# sourceMappingURL=attempt-budget.js.map