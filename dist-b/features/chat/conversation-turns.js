/** How much history goes to the model; older turns are left out. */
const MAX_HISTORY_MESSAGES = 100;
/**
 * What the model is sent for a new answer: the conversation's system prompt, then its
 * messages up to and including `lastMessageId`, leaving out answers that failed or never
 * produced text. Partial answers (cancelled, interrupted) are kept: the person saw them.
 */
export async function conversationTurns(db, props) {
    const rows = await db
        .selectFrom('messages')
        .select(['role', 'content', 'status'])
        .where('conversation_id', '=', props.conversationId)
        .where('id', '<=', props.lastMessageId)
        .orderBy('id', 'desc')
        .limit(MAX_HISTORY_MESSAGES)
        .execute();
    const turns = rows
        .reverse()
        .filter((row) => row.role === 'user' || (row.status !== 'failed' && row.content.length > 0))
        .map((row) => ({ role: row.role, content: row.content }));
    return props.systemPrompt ? [{ role: 'system', content: props.systemPrompt }, ...turns] : turns;
}
//# sourceMappingURL=conversation-turns.js.map