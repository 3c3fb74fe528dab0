/** The caller's conversation, or undefined when it does not exist or belongs to someone else. */
export function findConversation(db, userId, id) {
    return db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
}
/** Marks activity on a conversation, which moves it to the top of its owner's list. */
export async function touchConversation(db, id, at) {
    await db
        .updateTable('conversations')
        .set({ updated_at: new Date(at).toISOString() })
        .where('id', '=', id)
        .execute();
}
/** Gives an untitled conversation its title; a title already set (by the user) stays. */
export async function setTitleIfEmpty(db, id, title) {
    await db
        .updateTable('conversations')
        .set({ title })
        .where('id', '=', id)
        .where('title', 'is', null)
        .execute();
}
export function insertConversation(db, values) {
    return db.insertInto('conversations').values(values).returningAll().executeTakeFirstOrThrow();
}
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The opaque `nextCursor` of a list page: base64url of `[updatedAt, id]`. */
export function encodeConversationCursor(cursor) {
    return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString('base64url');
}
/** The place a cursor marks, or null when it is not one this server made. */
export function decodeConversationCursor(text) {
    let value;
    try {
        value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    }
    catch {
        return null;
    }
    if (!Array.isArray(value) || value.length !== 2)
        return null;
    const [updatedAt, id] = value;
    if (typeof updatedAt !== 'string' || !ISO_TIME.test(updatedAt))
        return null;
    if (Number.isNaN(Date.parse(updatedAt)))
        return null;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64)
        return null;
    return { updatedAt, id };
}
/** One page of the caller's conversations, most recently active first, then by id. */
export async function listConversations(db, userId, page) {
    let query = db
        .selectFrom('conversations')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit + 1);
    const { after } = page;
    if (after) {
        // A row comparison, so both databases walk the (user_id, updated_at, id) index.
        query = query.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(after.updatedAt, after.id)));
    }
    const rows = await query.execute();
    const more = rows.length > page.limit;
    if (more)
        rows.pop();
    const last = rows.at(-1);
    return {
        rows,
        next: more && last ? { updatedAt: last.updated_at, id: last.id } : null,
    };
}
/** Changes the caller's conversation; undefined when it is not theirs. */
export function updateConversation(db, userId, id, changes) {
    return db
        .updateTable('conversations')
        .set(changes)
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
}
/** Deletes the caller's conversation (its messages cascade); false when it is not theirs. */
export async function deleteConversation(db, userId, id) {
    const result = await db
        .deleteFrom('conversations')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
}
/**
 * The newest `limit` messages of a conversation older than `before` (any id; UUIDv7 ids sort by
 * time), returned oldest first. Walks the (conversation_id, id) index backwards, so it costs the
 * same for the first page of a 5,000-message conversation as for a short one.
 */
export async function listMessagesWindow(db, userId, conversationId, page) {
    let query = db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(page.limit + 1);
    if (page.before !== undefined)
        query = query.where('id', '<', page.before);
    const rows = await query.execute();
    const hasMore = rows.length > page.limit;
    if (hasMore)
        rows.pop();
    return { rows: rows.reverse(), hasMore };
}
/** Every message of a conversation, oldest first (for export). */
export function listAllMessages(db, userId, conversationId) {
    return db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .orderBy('id', 'asc')
        .execute();
}
//# sourceMappingURL=conversations.queries.js.map