/**
 * Group commit: writes that arrive in the same turn of the event loop, or while a commit is in
 * flight, share one transaction, so they cost one commit (one fsync on SQLite) instead of one
 * each. Every caller still resumes only once its own write is committed.
 *
 * If the shared transaction fails, each of its writes runs again in a transaction of its own,
 * so a write that fails by itself fails only its caller. A write may therefore run twice and
 * must touch nothing but the database, through the transaction it is given; nor may it wait for
 * another write of the batcher, which would wait for the commit it is part of.
 */
export class WriteBatcher {
    db;
    #queue = [];
    #scheduled = false;
    #committing = false;
    constructor(db) {
        this.db = db;
    }
    /** Runs `write` in the next shared transaction; resolves with its result once committed. */
    run(write) {
        return new Promise((resolve, reject) => {
            this.#queue.push({ write, resolve: resolve, reject });
            if (this.#scheduled || this.#committing)
                return;
            this.#scheduled = true;
            // After the I/O callbacks of this turn, so the writes they bring share the commit.
            setImmediate(() => void this.#drain());
        });
    }
    async #drain() {
        this.#scheduled = false;
        this.#committing = true;
        try {
            // Writes that arrived during a commit wait for none longer than that commit.
            while (this.#queue.length > 0) {
                const batch = this.#queue;
                this.#queue = [];
                await this.#commit(batch);
            }
        }
        finally {
            this.#committing = false;
        }
    }
    async #commit(batch) {
        const [only] = batch;
        if (only && batch.length === 1)
            return this.#commitAlone(only);
        let results;
        try {
            results = await this.db.transaction().execute(async (trx) => {
                const done = [];
                for (const queued of batch)
                    done.push(await queued.write(trx));
                return done;
            });
        }
        catch {
            for (const queued of batch)
                await this.#commitAlone(queued);
            return;
        }
        batch.forEach((queued, i) => queued.resolve(results[i]));
    }
    async #commitAlone(queued) {
        try {
            queued.resolve(await this.db.transaction().execute(queued.write));
        }
        catch (error) {
            queued.reject(error);
        }
    }
}
const batchers = new WeakMap();
/**
 * The write batcher of a database: one per Kysely instance, so every feature writing through
 * it shares its commits. Made on first use; it holds no timer or connection of its own.
 */
export function writeBatcherOf(db) {
    let batcher = batchers.get(db);
    if (!batcher) {
        batcher = new WriteBatcher(db);
        batchers.set(db, batcher);
    }
    return batcher;
}
//# sourceMappingURL=write-batcher.js.map