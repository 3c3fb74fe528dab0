import { AttemptFailure } from './circuit-breakers.js';
import { UpstreamTimeout, classifyFailure, toUpstreamError, } from './upstream-failure.js';
/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted(promise, signal) {
    if (signal.aborted) {
        promise.catch(() => undefined);
        return Promise.reject(signal.reason);
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then((value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}
/** Resolves after `ms`, or rejects with the scope's abort reason if it aborts first. */
function sleep(ms, scope) {
    let timer;
    const slept = new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
    });
    return scope.wait(slept).finally(() => clearTimeout(timer));
}
export function backoffMs(attempt, limits) {
    const cap = Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** attempt);
    return cap / 2 + Math.random() * (cap / 2);
}
const ignore = () => undefined;
/** Why a finished (or failed) attempt's request is aborted: made once, as nobody reads it. */
const CALL_ENDED = new Error('upstream call ended');
/**
 * A stretch of work (a whole call, or one attempt of it) that ends when its parent ends, when
 * its timer runs out (aborting with an `UpstreamTimeout`), or when disposed. Cheap on the
 * per-token path: `wait` holds the one pending rejection itself instead of adding and removing
 * an abort listener per token, the idle limit is one timer that checks how long the current
 * wait has lasted instead of a timer reset per token, and the AbortSignal (for the HTTP
 * request) is only made when asked for: the scope of a whole call needs none.
 */
class Scope {
    #aborted = false;
    /** Set when aborted; typed as abort reasons are in practice (our timeouts, the caller's cancel). */
    #reason;
    #controller;
    #child;
    #detach;
    /** Rejects the current `wait`, if any. */
    #rejectWait;
    /** When the current `wait` began (Date.now()), or -1 between waits. */
    #waitingSince = -1;
    #timer;
    #idleMs = 0;
    constructor(parent) {
        if (parent instanceof Scope) {
            parent.#child = this;
            this.#detach = () => {
                if (parent.#child === this)
                    parent.#child = undefined;
            };
            if (parent.#aborted)
                this.abort(parent.#reason);
        }
        else {
            const onAbort = () => this.abort(parent.reason);
            this.#detach = () => parent.removeEventListener('abort', onAbort);
            if (parent.aborted)
                this.abort(parent.reason);
            else
                parent.addEventListener('abort', onAbort, { once: true });
        }
    }
    get aborted() {
        return this.#aborted;
    }
    get reason() {
        return this.#reason;
    }
    /** A signal that aborts with this scope, for the upstream request. */
    get signal() {
        if (!this.#controller) {
            this.#controller = new AbortController();
            if (this.#aborted)
                this.#controller.abort(this.#reason);
        }
        return this.#controller.signal;
    }
    abort(reason) {
        if (this.#aborted)
            return;
        this.#aborted = true;
        this.#reason = reason;
        this.disarm();
        this.#controller?.abort(reason);
        this.#child?.abort(reason);
        const reject = this.#rejectWait;
        this.#rejectWait = undefined;
        reject?.(reason);
    }
    /** Waits for `promise`, or rejects with the abort reason as soon as the scope aborts. */
    wait(promise) {
        if (this.#aborted) {
            promise.catch(ignore);
            return Promise.reject(this.#reason);
        }
        return new Promise((resolve, reject) => {
            this.#rejectWait = reject;
            this.#waitingSince = Date.now();
            const settled = () => {
                this.#waitingSince = -1;
                if (this.#rejectWait === reject)
                    this.#rejectWait = undefined;
            };
            promise.then((value) => {
                settled();
                resolve(value);
            }, (error) => {
                settled();
                reject(error);
            });
        });
    }
    /** Aborts with an `UpstreamTimeout` of `phase` after `ms`. */
    arm(phase, ms) {
        this.disarm();
        this.#timer = setTimeout(() => this.abort(new UpstreamTimeout(phase)), ms);
    }
    /** Aborts once a single `wait` lasts `ms` (the time between waits does not count). */
    watchIdle(ms) {
        this.disarm();
        this.#idleMs = ms;
        this.#timer = setTimeout(this.#checkIdle, ms);
    }
    #checkIdle = () => {
        const waited = this.#waitingSince < 0 ? 0 : Date.now() - this.#waitingSince;
        if (waited >= this.#idleMs)
            this.abort(new UpstreamTimeout('idle'));
        else
            this.#timer = setTimeout(this.#checkIdle, this.#idleMs - waited);
    };
    disarm() {
        if (this.#timer)
            clearTimeout(this.#timer);
        this.#timer = undefined;
    }
    /** Stops timers and, if the work is unfinished, aborts it so its sockets close. */
    dispose() {
        this.disarm();
        this.#detach();
        this.abort(CALL_ENDED);
    }
}
/** What went wrong, judged against the scopes: our timers and the caller's cancel win. */
function judge(error, scope, caller, afterFirstToken) {
    if (caller.aborted)
        return new AttemptFailure(null, caller.reason);
    const cause = scope.aborted ? scope.reason : error;
    return new AttemptFailure(classifyFailure(cause, afterFirstToken), cause);
}
/** Ends the call: the caller's own abort reason for a cancel, else an UpstreamError. */
function finalError(failure) {
    return failure.failure ? toUpstreamError(failure.failure, failure.original) : failure.original;
}
function closeQuietly(iterator) {
    // Not awaited: a hung upstream must not hold the caller; the aborted fetch frees the socket.
    iterator?.return?.().catch(() => undefined);
}
const hasText = (event) => event.type === 'done' || event.text.length > 0;
/**
 * Streams a chat answer under the call limits: a first-token timeout per attempt, an idle
 * timeout between tokens, an overall limit, and retries with jittered backoff for failures
 * before the first token (nothing has reached the caller yet, so a retry is invisible). Once a
 * token is out, a failure ends the call. Empty deltas are dropped.
 */
export async function* resilientStream(props) {
    const { limits, signal } = props;
    const call = new Scope(signal);
    call.arm('total', limits.totalTimeoutMs);
    try {
        for (let attempt = 0;; attempt++) {
            const scope = new Scope(call);
            let opened;
            let started;
            try {
                started = await props.guard(async () => {
                    scope.arm('first_token', limits.firstTokenTimeoutMs);
                    try {
                        const stream = await scope.wait(props.open(scope.signal));
                        const iterator = stream[Symbol.asyncIterator]();
                        opened = iterator;
                        for (;;) {
                            const next = await scope.wait(iterator.next());
                            if (next.done)
                                throw new Error('upstream stream ended without an answer');
                            if (hasText(next.value))
                                return { iterator, first: next.value };
                        }
                    }
                    catch (error) {
                        throw judge(error, scope, signal, false);
                    }
                    finally {
                        scope.disarm();
                    }
                });
            }
            catch (error) {
                const failure = error instanceof AttemptFailure ? error : judge(error, scope, signal, false);
                scope.dispose();
                closeQuietly(opened);
                if (failure.failure)
                    props.onFailure?.(failure.failure, failure.original, attempt);
                if (!failure.failure?.retryable || attempt >= limits.retries)
                    throw finalError(failure);
                try {
                    await sleep(backoffMs(attempt, limits), call);
                }
                catch (reason) {
                    throw finalError(judge(reason, call, signal, false));
                }
                continue;
            }
            // The first token is out: from here on a failure ends the call, without a retry.
            const { iterator, first } = started;
            try {
                yield first;
                if (first.type === 'done')
                    return;
                // Only time spent waiting on the upstream counts, not the caller's time with a token.
                scope.watchIdle(limits.idleTimeoutMs);
                for (;;) {
                    let next;
                    try {
                        next = await scope.wait(iterator.next());
                        if (next.done)
                            throw new Error('upstream stream ended before its final message');
                    }
                    catch (error) {
                        const failure = judge(error, scope, signal, true);
                        if (failure.failure) {
                            props.onFailure?.(failure.failure, failure.original, attempt);
                            if (failure.failure.fault)
                                props.recordFault(failure);
                        }
                        throw finalError(failure);
                    }
                    if (!hasText(next.value))
                        continue;
                    yield next.value;
                    if (next.value.type === 'done')
                        return;
                }
            }
            finally {
                scope.dispose();
                closeQuietly(iterator);
            }
        }
    }
    finally {
        call.dispose();
    }
}
/**
 * A single-answer call (embeddings) under the same rules: the first-token timeout bounds the
 * wait for the answer, failures are retried with backoff, the overall limit bounds it all.
 */
export async function resilientRequest(props) {
    const { limits, signal } = props;
    const call = new Scope(signal);
    call.arm('total', limits.totalTimeoutMs);
    try {
        for (let attempt = 0;; attempt++) {
            const scope = new Scope(call);
            try {
                return await props.guard(async () => {
                    scope.arm('first_token', limits.firstTokenTimeoutMs);
                    try {
                        return await scope.wait(props.run(scope.signal));
                    }
                    catch (error) {
                        throw judge(error, scope, signal, false);
                    }
                });
            }
            catch (error) {
                const failure = error instanceof AttemptFailure ? error : judge(error, scope, signal, false);
                if (failure.failure)
                    props.onFailure?.(failure.failure, failure.original, attempt);
                if (!failure.failure?.retryable || attempt >= limits.retries)
                    throw finalError(failure);
                try {
                    await sleep(backoffMs(attempt, limits), call);
                }
                catch (reason) {
                    throw finalError(judge(reason, call, signal, false));
                }
            }
            finally {
                scope.dispose();
            }
        }
    }
    finally {
        call.dispose();
    }
}
//# sourceMappingURL=resilient-call.js.map