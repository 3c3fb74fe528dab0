import { AppError } from '../../../platform/http/errors.js';
import { UpstreamError, } from '../../models/upstream.types.js';
import { isTerminal } from './generation-events.js';
const REMOTE_CANCEL_WAIT_MS = 3_000;
/**
 * Runs generations as server-side jobs that no client connection owns: a client that goes
 * away stops following, not generating. Text goes to followers as it arrives and to the
 * database in batches (StreamingTextWriter); the final state is written before the final
 * event is published, so a client that sees `done` and reloads sees the finished message.
 */
export class Generations {
    deps;
    #running = new Map();
    constructor(deps) {
        this.deps = deps;
    }
    get runningCount() {
        return this.#running.size;
    }
    /** Starts a generation in the background; its message must exist in status `queued`. */
    start(job) {
        const controller = new AbortController();
        const running = {
            job,
            text: '',
            status: 'queued',
            controller,
            stopReason: null,
            ended: false,
            position: null,
            finished: Promise.resolve(),
        };
        this.#running.set(job.messageId, running);
        const unsubscribe = this.deps.hub.subscribe(job.messageId, (event) => {
            if (event.type === 'cancel-request')
                this.#stop(running, 'cancelled');
        });
        running.finished = this.#run(running)
            .catch((error) => {
            this.deps.logger.error({ err: error, messageId: job.messageId }, 'generation crashed');
        })
            .finally(() => {
            unsubscribe();
            this.#running.delete(job.messageId);
        });
    }
    /**
     * Cancels a generation wherever it runs and resolves once it has stopped (or, when no
     * instance answers, marks it cancelled here). A finished message is left as it is.
     */
    async cancel(message) {
        const local = this.#running.get(message.id);
        if (local) {
            this.#stop(local, 'cancelled');
            await local.finished;
            return;
        }
        if (message.status !== 'queued' && message.status !== 'streaming')
            return;
        const ended = new Promise((resolve) => {
            const timer = setTimeout(() => {
                unsubscribe();
                resolve(false);
            }, REMOTE_CANCEL_WAIT_MS);
            const unsubscribe = this.deps.hub.subscribe(message.id, (event) => {
                if (!isTerminal(event))
                    return;
                clearTimeout(timer);
                unsubscribe();
                resolve(true);
            });
        });
        this.deps.hub.publish({ ...about(message), type: 'cancel-request' });
        if (await ended)
            return;
        // No instance runs it (its runner died before the sweep noticed): cancel it in place.
        const updated = await this.deps.db
            .updateTable('messages')
            .set({ status: 'cancelled', runner_id: null, updated_at: new Date().toISOString() })
            .where('id', '=', message.id)
            .where('status', 'in', ['queued', 'streaming'])
            .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 1) {
            this.deps.hub.publish({ ...about(message), type: 'done', status: 'cancelled', usage: null });
        }
    }
    /**
     * Replays what `message` holds so far to `listener`, then follows it live until it ends.
     * Returns a function that stops following. The listener sees each character once, in
     * order, whichever instance runs the generation.
     */
    async follow(message, listener) {
        let sent = 0;
        let ended = false;
        let replayed = false;
        const buffered = [];
        const emit = (event) => {
            if (ended)
                return;
            if (event.type === 'delta') {
                const end = event.offset + event.delta.length;
                if (end <= sent)
                    return;
                const delta = event.delta.slice(Math.max(0, sent - event.offset));
                sent = end;
                listener({ ...event, offset: end - delta.length, delta });
                return;
            }
            if (isTerminal(event))
                ended = true;
            listener(event);
        };
        // Subscribe before reading, so nothing that happens in between is missed.
        const unsubscribe = this.deps.hub.subscribe(message.id, (event) => {
            if (event.type === 'cancel-request')
                return;
            if (replayed)
                emit(event);
            else
                buffered.push(event);
        });
        const base = about(message);
        const running = this.#running.get(message.id);
        const local = running && !running.ended ? running : undefined;
        let current = message;
        let text = local ? local.text : null;
        if (!local) {
            current = await this.#reload(message.id);
            if (current && !isFinished(current.status)) {
                text = await this.deps.liveText.read(message.id);
                if (text === null) {
                    // Not started, or it ended since the read above (the final text is written first).
                    current = await this.#reload(message.id);
                    text = current?.content ?? null;
                }
            }
        }
        replayed = true;
        if (!current) {
            unsubscribe();
            return () => undefined;
        }
        if (isFinished(current.status) && !local) {
            if (current.content.length > 0) {
                emit({ ...base, type: 'delta', offset: 0, delta: current.content });
            }
            emit(finalEventOf(current));
            unsubscribe();
            return () => undefined;
        }
        // A follower that arrives while the answer waits learns its place at once.
        if (local?.status === 'queued' && local.position !== null) {
            emit({ ...base, type: 'queued', position: local.position });
        }
        if (text && text.length > 0)
            emit({ ...base, type: 'delta', offset: 0, delta: text });
        for (const event of buffered.splice(0))
            emit(event);
        if (ended) {
            unsubscribe();
            return () => undefined;
        }
        return () => {
            ended = true;
            unsubscribe();
        };
    }
    /** Stops every generation of this instance, marking them `interrupted`, and waits for them. */
    async close() {
        const all = [...this.#running.values()];
        for (const running of all)
            this.#stop(running, 'interrupted');
        await Promise.all(all.map((running) => running.finished));
    }
    #stop(running, reason) {
        if (running.stopReason)
            return;
        running.stopReason = reason;
        running.controller.abort(new Error(`generation ${reason}`));
    }
    async #run(running) {
        const { job } = running;
        const { hub, writer, liveText } = this.deps;
        const base = aboutJob(job);
        let usage = null;
        let failure = null;
        try {
            const stream = this.deps.gateway.streamChat({
                model: job.model,
                messages: job.turns,
                userId: job.userId,
                signal: running.controller.signal,
                onQueued: (position) => {
                    running.position = position;
                    hub.publish({ ...base, type: 'queued', position });
                },
                onStarted: () => {
                    running.status = 'streaming';
                    running.position = null;
                    writer.markChanged({ messageId: job.messageId, text: running.text, status: 'streaming' });
                },
            });
            for await (const event of stream) {
                if (running.controller.signal.aborted)
                    break;
                if (event.type === 'done') {
                    usage = event.usage;
                    continue;
                }
                if (event.text.length === 0)
                    continue;
                const offset = running.text.length;
                running.text += event.text;
                running.status = 'streaming';
                liveText.append(job.messageId, offset, event.text);
                hub.publish({ ...base, type: 'delta', offset, delta: event.text });
                writer.markChanged({ messageId: job.messageId, text: running.text, status: 'streaming' });
            }
        }
        catch (error) {
            if (!running.controller.signal.aborted)
                failure = failureOf(error, this.deps.logger, job);
        }
        const status = running.stopReason ?? (failure ? 'failed' : 'complete');
        await this.#finish(running, status, failure, usage);
    }
    async #finish(running, status, failure, usage) {
        const { job } = running;
        const base = aboutJob(job);
        // Committed before the final event goes out: a client that sees it and reloads finds the
        // finished message.
        await this.deps.writer.finish({
            messageId: job.messageId,
            text: running.text,
            status,
            errorCode: failure?.code ?? null,
            usage,
        });
        this.deps.liveText.clear(job.messageId);
        running.ended = true;
        if (status === 'complete' || status === 'cancelled') {
            this.deps.hub.publish({ ...base, type: 'done', status, usage });
        }
        else if (status === 'interrupted') {
            this.deps.hub.publish({ ...base, ...INTERRUPTED });
        }
        else {
            this.deps.hub.publish({
                ...base,
                type: 'error',
                status: 'failed',
                code: failure?.code ?? 'upstream_error',
                message: failure?.message ?? 'The generation failed.',
            });
        }
    }
    async #reload(messageId) {
        return this.deps.db
            .selectFrom('messages')
            .selectAll()
            .where('id', '=', messageId)
            .executeTakeFirst();
    }
}
const INTERRUPTED = {
    type: 'error',
    status: 'interrupted',
    code: 'interrupted',
    message: 'The server stopped while this answer was being generated.',
};
function about(message) {
    return {
        topic: message.id,
        messageId: message.id,
        conversationId: message.conversation_id,
        userId: message.user_id,
    };
}
function aboutJob(job) {
    return {
        topic: job.messageId,
        messageId: job.messageId,
        conversationId: job.conversationId,
        userId: job.userId,
    };
}
function isFinished(status) {
    return status !== 'queued' && status !== 'streaming';
}
/** The event that ends a finished message, for a follower that arrives after the end. */
export function finalEventOf(message) {
    const base = about(message);
    switch (message.status) {
        case 'complete':
        case 'cancelled':
            return {
                ...base,
                type: 'done',
                status: message.status,
                usage: message.prompt_tokens !== null && message.completion_tokens !== null
                    ? { promptTokens: message.prompt_tokens, completionTokens: message.completion_tokens }
                    : null,
            };
        case 'interrupted':
            return { ...base, ...INTERRUPTED };
        case 'failed':
        case 'queued':
        case 'streaming':
            return {
                ...base,
                type: 'error',
                status: 'failed',
                code: message.error_code ?? 'upstream_error',
                message: 'The generation failed.',
            };
    }
}
function failureOf(error, logger, job) {
    if (error instanceof UpstreamError)
        return { code: error.code, message: error.message };
    if (error instanceof AppError)
        return { code: error.code, message: error.detail };
    logger.error({ err: error, messageId: job.messageId }, 'generation failed unexpectedly');
    return { code: 'upstream_error', message: 'The generation failed.' };
}
//# sourceMappingURL=generations.js.map