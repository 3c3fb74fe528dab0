import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ChatTurn } from '../models/upstream.types.js';

/** How much history goes to the model; older turns are left out. */
const MAX_HISTORY_MESSAGES = 100;

/**
 * What the model is sent for a new answer: the conversation's system prompt, then its
 * messages up to and including `lastMessageId`, leaving out answers that failed or never
 * produced text. Partial answers (cancelled, interrupted) are kept: the person saw them.
 */
export async function conversationTurns(
  db: Kysely<Database>,
  props: { conversationId: string; systemPrompt: string | null; lastMessageId: string },
): Promise<ChatTurn[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['role', 'content', 'status'])
    .where('conversation_id', '=', props.conversationId)
    .where('id', '<=', props.lastMessageId)
    .orderBy('id', 'desc')
    .limit(MAX_HISTORY_MESSAGES)
    .execute();
  const turns: ChatTurn[] = rows
    .reverse()
    .filter((row) => row.role === 'user' || (row.status !== 'failed' && row.content.length > 0))
    .map((row) => ({ role: row.role, content: row.content }));
  return props.systemPrompt ? [{ role: 'system', content: props.systemPrompt }, ...turns] : turns;
}
