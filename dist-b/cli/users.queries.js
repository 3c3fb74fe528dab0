// What the CLI reads and changes straight in the database, while the server may be down.
/** Every account, in the order they were created (ids are UUIDv7). */
export function listAllUsers(db) {
    return db
        .selectFrom('users')
        .select(['id', 'username', 'role', 'disabled', 'mfa_enabled', 'created_at'])
        .orderBy('id')
        .execute();
}
/**
 * Marks every open session of a user revoked, so none of its refresh tokens works again; returns
 * how many were open. (A running server's in-memory list of revoked access tokens is out of
 * reach from here; those tokens end at their expiry.)
 */
export async function revokeSessionsInDatabase(db, userId, reason) {
    const now = new Date().toISOString();
    const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    return Number(result.numUpdatedRows);
}
//# sourceMappingURL=users.queries.js.map