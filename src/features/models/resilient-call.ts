import { AttemptFailure } from './circuit-breakers.js';
import {
  UpstreamTimeout,
  classifyFailure,
  toUpstreamError,
  type Failure,
  type TimeoutPhase,
} from './upstream-failure.js';
import type { ChatStreamEvent } from './upstream.types.js';

/** The limits every upstream call runs under (from `config.upstreams`). */
export interface CallLimits {
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  /** Further attempts after a failure before the first token. */
  retries: number;
  /** Backoff before retry n is between half and all of min(max, base * 2^n). */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Runs one attempt through the provider's circuit breaker. */
export type Guard = <T>(attempt: () => Promise<T>) => Promise<T>;

interface CallProps {
  guard: Guard;
  /** Counts a failure after the first token against the breaker. */
  recordFault: (failure: AttemptFailure) => void;
  limits: CallLimits;
  /** The caller's signal: aborting ends the call and rejects with its reason. */
  signal: AbortSignal;
  /** Told of each failed attempt (for logs). */
  onFailure?: (failure: Failure, error: unknown, attempt: number) => void;
}

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with the signal's reason if it aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const slept = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return untilAborted(slept, signal).finally(() => clearTimeout(timer));
}

export function backoffMs(attempt: number, limits: CallLimits): number {
  const cap = Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** attempt);
  return cap / 2 + Math.random() * (cap / 2);
}

/**
 * An abort controller that follows a parent signal and can arm one timer at a time, whose
 * expiry aborts it with an `UpstreamTimeout`. `dispose` clears everything it set up.
 */
class Scope {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onParentAbort: () => void;

  constructor(private readonly parent: AbortSignal) {
    this.onParentAbort = () => this.controller.abort(parent.reason);
    if (parent.aborted) this.onParentAbort();
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(phase: TimeoutPhase, ms: number): void {
    this.disarm();
    this.timer = setTimeout(() => this.controller.abort(new UpstreamTimeout(phase)), ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops timers and, if the work is unfinished, aborts it so its sockets close. */
  dispose(): void {
    this.disarm();
    this.parent.removeEventListener('abort', this.onParentAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('upstream call ended'));
  }
}

/** What went wrong, judged against the signals: our timers and the caller's cancel win. */
function judge(
  error: unknown,
  scope: Scope,
  caller: AbortSignal,
  afterFirstToken: boolean,
): AttemptFailure {
  if (caller.aborted) return new AttemptFailure(null, caller.reason);
  const cause: unknown = scope.signal.aborted ? scope.signal.reason : error;
  return new AttemptFailure(classifyFailure(cause, afterFirstToken), cause);
}

/** Ends the call: the caller's own abort reason for a cancel, else an UpstreamError. */
function finalError(failure: AttemptFailure): unknown {
  return failure.failure ? toUpstreamError(failure.failure, failure.original) : failure.original;
}

function closeQuietly(iterator: AsyncIterator<unknown> | undefined): void {
  // Not awaited: a hung upstream must not hold the caller; the aborted fetch frees the socket.
  iterator?.return?.().catch(() => undefined);
}

const hasText = (event: ChatStreamEvent) => event.type === 'done' || event.text.length > 0;

/**
 * Streams a chat answer under the call limits: a first-token timeout per attempt, an idle
 * timeout between tokens, an overall limit, and retries with jittered backoff for failures
 * before the first token (nothing has reached the caller yet, so a retry is invisible). Once a
 * token is out, a failure ends the call. Empty deltas are dropped.
 */
export async function* resilientStream(
  props: CallProps & { open: (signal: AbortSignal) => Promise<AsyncIterable<ChatStreamEvent>> },
): AsyncGenerator<ChatStreamEvent> {
  const { limits, signal } = props;
  const call = new Scope(signal);
  call.arm('total', limits.totalTimeoutMs);
  try {
    for (let attempt = 0; ; attempt++) {
      const scope = new Scope(call.signal);
      let opened: AsyncIterator<ChatStreamEvent> | undefined;
      let started: { iterator: AsyncIterator<ChatStreamEvent>; first: ChatStreamEvent };
      try {
        started = await props.guard(async () => {
          scope.arm('first_token', limits.firstTokenTimeoutMs);
          try {
            const stream = await untilAborted(props.open(scope.signal), scope.signal);
            const iterator = stream[Symbol.asyncIterator]();
            opened = iterator;
            for (;;) {
              const next = await untilAborted(iterator.next(), scope.signal);
              if (next.done) throw new Error('upstream stream ended without an answer');
              if (hasText(next.value)) return { iterator, first: next.value };
            }
          } catch (error) {
            throw judge(error, scope, signal, false);
          } finally {
            scope.disarm();
          }
        });
      } catch (error) {
        const failure =
          error instanceof AttemptFailure ? error : judge(error, scope, signal, false);
        scope.dispose();
        closeQuietly(opened);
        if (failure.failure) props.onFailure?.(failure.failure, failure.original, attempt);
        if (!failure.failure?.retryable || attempt >= limits.retries) throw finalError(failure);
        try {
          await sleep(backoffMs(attempt, limits), call.signal);
        } catch (reason) {
          throw finalError(judge(reason, call, signal, false));
        }
        continue;
      }

      // The first token is out: from here on a failure ends the call, without a retry.
      const { iterator, first } = started;
      try {
        yield first;
        if (first.type === 'done') return;
        for (;;) {
          scope.arm('idle', limits.idleTimeoutMs);
          let next: IteratorResult<ChatStreamEvent>;
          try {
            next = await untilAborted(iterator.next(), scope.signal);
            if (next.done) throw new Error('upstream stream ended before its final message');
          } catch (error) {
            const failure = judge(error, scope, signal, true);
            if (failure.failure) {
              props.onFailure?.(failure.failure, failure.original, attempt);
              if (failure.failure.fault) props.recordFault(failure);
            }
            throw finalError(failure);
          } finally {
            scope.disarm();
          }
          if (!hasText(next.value)) continue;
          yield next.value;
          if (next.value.type === 'done') return;
        }
      } finally {
        scope.dispose();
        closeQuietly(iterator);
      }
    }
  } finally {
    call.dispose();
  }
}

/**
 * A single-answer call (embeddings) under the same rules: the first-token timeout bounds the
 * wait for the answer, failures are retried with backoff, the overall limit bounds it all.
 */
export async function resilientRequest<T>(
  props: CallProps & { run: (signal: AbortSignal) => Promise<T> },
): Promise<T> {
  const { limits, signal } = props;
  const call = new Scope(signal);
  call.arm('total', limits.totalTimeoutMs);
  try {
    for (let attempt = 0; ; attempt++) {
      const scope = new Scope(call.signal);
      try {
        return await props.guard(async () => {
          scope.arm('first_token', limits.firstTokenTimeoutMs);
          try {
            return await untilAborted(props.run(scope.signal), scope.signal);
          } catch (error) {
            throw judge(error, scope, signal, false);
          }
        });
      } catch (error) {
        const failure =
          error instanceof AttemptFailure ? error : judge(error, scope, signal, false);
        if (failure.failure) props.onFailure?.(failure.failure, failure.original, attempt);
        if (!failure.failure?.retryable || attempt >= limits.retries) throw finalError(failure);
        try {
          await sleep(backoffMs(attempt, limits), call.signal);
        } catch (reason) {
          throw finalError(judge(reason, call, signal, false));
        }
      } finally {
        scope.dispose();
      }
    }
  } finally {
    call.dispose();
  }
}
