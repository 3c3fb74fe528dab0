/** The caller's message, or undefined when it does not exist or belongs to someone else. */
export function findMessage(db, userId, id) {
    return db
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
}
//# sourceMappingURL=messages.queries.js.map