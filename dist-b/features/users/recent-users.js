import { findUserById } from './users.queries.js';
/** How long a read user row answers for the database (writes through this instance drop it at once). */
export const RECENT_USER_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;
/**
 * Recently read user rows, for reads that only show a user (`GET /api/auth/me`), never for
 * decisions: sign-in, password and MFA checks read the database, and access is decided by the
 * token and the revocation list. Any write to `users` on this instance empties the cache, so a
 * change is seen by the next request; another instance's change is seen within two seconds.
 */
export class RecentUsers {
    db;
    #entries = new Map();
    /** Bumped by every write, so a read that was in flight during one is not kept. */
    #generation = 0;
    constructor(db, tableWrites) {
        this.db = db;
        tableWrites.on('users', () => {
            this.#generation += 1;
            this.#entries.clear();
        });
    }
    async find(id) {
        const now = Date.now();
        const entry = this.#entries.get(id);
        if (entry && now - entry.readAt < RECENT_USER_TTL_MS)
            return entry.row;
        const generation = this.#generation;
        const row = await findUserById(this.db, id);
        if (row && generation === this.#generation) {
            if (this.#entries.size >= MAX_ENTRIES)
                this.#entries.clear();
            this.#entries.set(id, { row, readAt: now });
        }
        return row;
    }
}
//# sourceMappingURL=recent-users.js.map