import { SqliteAdapter, } from 'kysely';
/** Usernames are compared and stored lower-cased. */
export function normalizeUsername(username) {
    return username.trim().toLowerCase();
}
export function findUserByUsername(db, username) {
    return db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', normalizeUsername(username))
        .executeTakeFirst();
}
export function findUserById(db, id) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function countUsers(db) {
    const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
    return Number(row.count);
}
export async function countActiveAdmins(db) {
    const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
    return Number(row.count);
}
/** One page of users, newest first; `nextCursor` is the id to pass as `cursor` for the next. */
export async function listUsers(db, page) {
    let query = db
        .selectFrom('users')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(page.limit + 1);
    // Ids are UUIDv7, so they sort by creation time and the last id seen marks the place.
    if (page.cursor !== undefined)
        query = query.where('id', '<', page.cursor);
    const rows = await query.execute();
    const more = rows.length > page.limit;
    const items = more ? rows.slice(0, page.limit) : rows;
    return { rows: items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}
/**
 * Locks the active admins' rows until the transaction ends, so that of concurrent changes that
 * each take away an admin (demote, disable, delete) the later one counts after the earlier one
 * committed and the last admin cannot be removed by two requests at once. SQLite needs no lock:
 * its write transactions already run one at a time (BEGIN IMMEDIATE).
 */
export async function lockActiveAdmins(trx) {
    if (trx.getExecutor().adapter instanceof SqliteAdapter)
        return;
    await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .orderBy('id')
        .forUpdate()
        .execute();
}
/** Changes a user's row (stamping `updated_at`); undefined when there is no such user. */
export function updateUserRow(db, id, changes) {
    return db
        .updateTable('users')
        .set({ ...changes, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
}
export async function deleteUserById(db, id) {
    const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
}
//# sourceMappingURL=users.queries.js.map