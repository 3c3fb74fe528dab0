import CircuitBreaker from 'opossum';
import type { Logger } from '../../platform/logging/logger.js';
import type { Failure } from './upstream-failure.js';

/** How a provider's circuit breaker trips and recovers. */
export interface BreakerOptions {
  /** How long the circuit stays open before one probe call may pass (half-open). */
  resetTimeoutMs: number;
  /** Share of failed attempts in the window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Attempts the window must hold before the circuit may open at all. */
  volumeThreshold: number;
  /** Length of the rolling statistics window. */
  rollingWindowMs: number;
}

/**
 * Production defaults: at least 4 attempts in a minute, more than half of them failing, open
 * the circuit for 30 s. Retries count as attempts, so with the default 2 retries two failed
 * calls in a row open it.
 */
export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
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
  constructor(
    readonly failure: Failure | null,
    readonly original: unknown,
  ) {
    super(failure?.message ?? 'cancelled');
    this.name = 'AttemptFailure';
  }
}

type Action = () => Promise<unknown>;
export type Breaker = CircuitBreaker<[Action], unknown>;

/** A breaker for one provider. Call `shutdown()` when the provider goes away. */
export function createBreaker(
  providerId: string,
  options: BreakerOptions,
  logger: Logger,
): Breaker {
  const breaker = new CircuitBreaker<[Action], unknown>((action) => action(), {
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
    errorFilter: (error: unknown) =>
      error instanceof AttemptFailure && (error.failure === null || !error.failure.fault),
  });
  breaker.on('open', () => logger.warn({ provider: providerId }, 'upstream circuit opened'));
  breaker.on('halfOpen', () => logger.info({ provider: providerId }, 'upstream circuit half-open'));
  breaker.on('close', () => logger.info({ provider: providerId }, 'upstream circuit closed'));
  return breaker;
}

/** Runs one attempt through the breaker; while the circuit is open it rejects at once. */
export async function throughBreaker<T>(breaker: Breaker, attempt: () => Promise<T>): Promise<T> {
  return (await breaker.fire(attempt)) as T;
}

/** True while the circuit is open and not yet probing: calls would fail at once. */
export function isOpen(breaker: Breaker): boolean {
  return breaker.opened;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** Where the circuit stands: closed (calls pass), open (refused at once), half-open (probing). */
export function breakerState(breaker: Breaker): BreakerState {
  if (breaker.halfOpen) return 'halfOpen';
  return breaker.opened ? 'open' : 'closed';
}

/**
 * Counts a failure that happened outside an attempt (an answer that broke off after its first
 * token), so a provider that keeps dropping streams still trips its breaker.
 */
export function recordFault(breaker: Breaker, failure: AttemptFailure): void {
  if (breaker.opened || breaker.isShutdown) return;
  breaker.fire(() => Promise.reject(failure)).catch(() => undefined);
}
