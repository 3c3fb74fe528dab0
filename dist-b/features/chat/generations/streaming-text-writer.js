import { prepareQuery } from '../../../platform/db/prepared-query.js';
import { writeBatcherOf } from '../../../platform/db/write-batcher.js';
/**
 * Writes the text of streaming messages to the database on a timer, all changed messages in
 * one transaction per tick, so many concurrent streams cost one commit (and one fsync on
 * SQLite) per interval instead of one per token. A crash loses at most one interval of text.
 * Final states are written at once, sharing their commit with the other writes of the same
 * moment (other generations ending, messages being sent: see WriteBatcher).
 */
export class StreamingTextWriter {
    logger;
    options;
    #dirty = new Map();
    #timer;
    #batcher;
    /** The one query of a tick, for every streaming message: prepared, as a tick runs in one turn. */
    #updateText;
    #flushing = Promise.resolve();
    constructor(db, logger, intervalMs, options = { enabled: true }) {
        this.logger = logger;
        this.options = options;
        this.#batcher = writeBatcherOf(db);
        this.#updateText = prepareQuery(db, 4, (db, content, status, updatedAt, messageId) => db
            .updateTable('messages')
            .set({ content, status: status, updated_at: updatedAt })
            .where('id', '=', messageId)
            .where('status', 'in', ['queued', 'streaming']));
        this.#timer = setInterval(() => void this.flush(), intervalMs);
        this.#timer.unref();
    }
    /** Marks a message as changed; its latest state is written at the next tick. */
    markChanged(pending) {
        if (this.options.enabled)
            this.#dirty.set(pending.messageId, pending);
    }
    /**
     * Writes a generation's final state now (whether or not streaming writes are on), unless the
     * message has already ended; resolves once it is committed.
     */
    async finish(final) {
        this.#dirty.delete(final.messageId);
        const now = new Date().toISOString();
        await this.#batcher.run(async (trx) => {
            await trx
                .updateTable('messages')
                .set({
                content: final.text,
                status: final.status,
                error_code: final.errorCode,
                prompt_tokens: final.usage?.promptTokens ?? null,
                completion_tokens: final.usage?.completionTokens ?? null,
                runner_id: null,
                updated_at: now,
            })
                .where('id', '=', final.messageId)
                .where('status', 'in', ['queued', 'streaming'])
                .execute();
        });
    }
    /** Writes every pending change now; resolves when it is committed. */
    flush() {
        this.#flushing = this.#flushing.then(() => this.#write());
        return this.#flushing;
    }
    async close() {
        clearInterval(this.#timer);
        await this.flush();
    }
    async #write() {
        if (this.#dirty.size === 0)
            return;
        const batch = [...this.#dirty.values()].map((p) => ({ ...p }));
        this.#dirty.clear();
        const now = new Date().toISOString();
        try {
            await this.#batcher.run(async (trx) => {
                for (const pending of batch) {
                    await this.#updateText(trx, pending.text, pending.status, now, pending.messageId);
                }
            });
        }
        catch (error) {
            // Kept for the next tick rather than lost; newer state wins if it arrived meanwhile.
            for (const pending of batch) {
                if (!this.#dirty.has(pending.messageId))
                    this.#dirty.set(pending.messageId, pending);
            }
            this.logger.warn({ err: error }, 'could not write streaming text; will retry');
        }
    }
}
//# sourceMappingURL=streaming-text-writer.js.map