import CircuitBreaker from 'opossum';
/**
 * Production defaults: at least 4 attempts in a minute, more than half of them failing, open
 * the circuit for 30 s. Retries count as attempts, so with the default 2 retries two failed
 * calls in a row open it.
 */
export const DEFAULT_BREAKER_OPTIONS = {
    resetTimeoutMs: 30_000,
    errorThresholdPercentage: 50,
    volumeThreshold: 4,
    rollingWindowMs: 60_000,
};
/**
 * An attempt that failed, carrying its judgement, so the breaker can tell an upstream fault
 * (counted) from a caller's cancel or a 4xx answer (not counted).
 */
export class AttemptFailure extends Error {
    failure;
    original;
    constructor(failure, original) {
        super(failure?.message ?? 'cancelled');
        this.failure = failure;
        this.original = original;
        this.name = 'AttemptFailure';
    }
}
/** A breaker for one provider. Call `shutdown()` when the provider goes away. */
export function createBreaker(providerId, options, logger) {
    const breaker = new CircuitBreaker((action) => action(), {
        name: `upstream:${providerId}`,
        timeout: false, // our own first-token, idle and total timers bound every attempt
        resetTimeout: options.resetTimeoutMs,
        errorThresholdPercentage: options.errorThresholdPercentage,
        volumeThreshold: options.volumeThreshold,
        rollingCountTimeout: options.rollingWindowMs,
        rollingCountBuckets: 6,
        rollingPercentilesEnabled: false,
        enableSnapshots: false,
        // Filtered errors still reject, but count as successes: the upstream answered.
        errorFilter: (error) => error instanceof AttemptFailure && (error.failure === null || !error.failure.fault),
    });
    breaker.on('open', () => logger.warn({ provider: providerId }, 'upstream circuit opened'));
    breaker.on('halfOpen', () => logger.info({ provider: providerId }, 'upstream circuit half-open'));
    breaker.on('close', () => logger.info({ provider: providerId }, 'upstream circuit closed'));
    return breaker;
}
/** Runs one attempt through the breaker; while the circuit is open it rejects at once. */
export async function throughBreaker(breaker, attempt) {
    return (await breaker.fire(attempt));
}
/** True while the circuit is open and not yet probing: calls would fail at once. */
export function isOpen(breaker) {
    return breaker.opened;
}
/** Where the circuit stands: closed (calls pass), open (refused at once), half-open (probing). */
export function breakerState(breaker) {
    if (breaker.halfOpen)
        return 'halfOpen';
    return breaker.opened ? 'open' : 'closed';
}
/**
 * Counts a failure that happened outside an attempt (an answer that broke off after its first
 * token), so a provider that keeps dropping streams still trips its breaker.
 */
export function recordFault(breaker, failure) {
    if (breaker.opened || breaker.isShutdown)
        return;
    breaker.fire(() => Promise.reject(failure)).catch(() => undefined);
}
//# sourceMappingURL=circuit-breakers.js.map