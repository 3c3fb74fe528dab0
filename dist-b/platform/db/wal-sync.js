import { open } from 'node:fs/promises';
/**
 * Makes SQLite commits durable with an fsync of the write-ahead log on libuv's thread pool
 * instead of inside the commit, on the event loop (better-sqlite3 is synchronous: with
 * `synchronous = FULL` every commit stopped every request for the length of an fsync).
 *
 * A writer calls `sync()` after its commit and is answered when an fsync that started after
 * that commit has finished: fsync covers everything written to the file before it began.
 * Commits that arrive while one fsync runs share the next, so a burst of writers costs two
 * fsyncs, not one each.
 */
export class WalSync {
    walFile;
    #handle = null;
    #requested = 0;
    #synced = 0;
    #running = false;
    #waiters = [];
    constructor(walFile) {
        this.walFile = walFile;
    }
    sync() {
        this.#requested += 1;
        const ticket = this.#requested;
        const done = new Promise((resolve, reject) => {
            this.#waiters.push({ ticket, resolve, reject });
        });
        if (!this.#running)
            void this.#drain();
        return done;
    }
    async close() {
        const handle = this.#handle;
        this.#handle = null;
        if (handle)
            await (await handle).close();
    }
    async #drain() {
        this.#running = true;
        while (this.#synced < this.#requested) {
            const upTo = this.#requested;
            let failure = null;
            try {
                // Opened at the first commit: the log exists from then on while the database is open.
                this.#handle ??= open(this.walFile, 'r');
                await (await this.#handle).sync();
            }
            catch (error) {
                this.#handle = null;
                failure = error instanceof Error ? error : new Error(String(error));
            }
            this.#synced = upTo;
            this.#settle(upTo, failure);
        }
        this.#running = false;
    }
    #settle(upTo, failure) {
        let kept = 0;
        for (const waiter of this.#waiters) {
            if (waiter.ticket > upTo)
                this.#waiters[kept++] = waiter;
            else if (failure)
                waiter.reject(failure);
            else
                waiter.resolve();
        }
        this.#waiters.length = kept;
    }
}
//# sourceMappingURL=wal-sync.js.map