import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { Logger } from '../../../platform/logging/logger.js';

/** What a running generation has that is not yet in the database. */
export interface PendingText {
  messageId: string;
  text: string;
  status: 'queued' | 'streaming';
}

/**
 * Writes the text of streaming messages to the database on a timer, all changed messages in
 * one transaction per tick, so many concurrent streams cost one commit (and one fsync on
 * SQLite) per interval instead of one per token. A crash loses at most one interval of text.
 */
export class StreamingTextWriter {
  readonly #dirty = new Map<string, PendingText>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    intervalMs: number,
    private readonly options: { enabled: boolean } = { enabled: true },
  ) {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  /** Marks a message as changed; its latest state is written at the next tick. */
  markChanged(pending: PendingText): void {
    if (this.options.enabled) this.#dirty.set(pending.messageId, pending);
  }

  /** Drops a message from the next tick (its final state is written by its generation). */
  forget(messageId: string): void {
    this.#dirty.delete(messageId);
  }

  /** Writes every pending change now; resolves when it is committed. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  async #write(): Promise<void> {
    if (this.#dirty.size === 0) return;
    const batch = [...this.#dirty.values()].map((p) => ({ ...p }));
    this.#dirty.clear();
    const now = new Date().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const pending of batch) {
          await trx
            .updateTable('messages')
            .set({ content: pending.text, status: pending.status, updated_at: now })
            .where('id', '=', pending.messageId)
            .where('status', 'in', ['queued', 'streaming'])
            .execute();
        }
      });
    } catch (error) {
      // Kept for the next tick rather than lost; newer state wins if it arrived meanwhile.
      for (const pending of batch) {
        if (!this.#dirty.has(pending.messageId)) this.#dirty.set(pending.messageId, pending);
      }
      this.logger.warn({ err: error }, 'could not write streaming text; will retry');
    }
  }
}
