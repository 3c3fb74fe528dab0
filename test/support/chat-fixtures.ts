import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../src/platform/db/schema.js';
import type {
  ConversationsTable,
  MessageRole,
  MessageStatus,
  MessagesTable,
} from '../../src/platform/db/tables.js';
import { newId } from '../../src/platform/ids.js';

/**
 * Factories that write conversations and messages straight into the test app's real database,
 * in any state (a message mid-stream, a failed one with its code), with overrides for each field.
 */

export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;

export interface ConversationOverrides {
  id?: string;
  title?: string | null;
  model?: string | null;
  systemPrompt?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface MessageOverrides {
  id?: string;
  role?: MessageRole;
  content?: string;
  status?: MessageStatus;
  model?: string | null;
  errorCode?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  createdAt?: string;
  updatedAt?: string;
}

export async function makeConversation(
  db: Kysely<Database>,
  userId: string,
  overrides: ConversationOverrides = {},
): Promise<ConversationRow> {
  const now = new Date().toISOString();
  return db
    .insertInto('conversations')
    .values({
      id: overrides.id ?? newId(),
      user_id: userId,
      title: overrides.title === undefined ? 'A conversation' : overrides.title,
      model: overrides.model ?? null,
      system_prompt: overrides.systemPrompt ?? null,
      created_at: overrides.createdAt ?? now,
      updated_at: overrides.updatedAt ?? overrides.createdAt ?? now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function messageValues(conversation: ConversationRow, overrides: MessageOverrides) {
  const now = new Date().toISOString();
  const role = overrides.role ?? 'user';
  return {
    id: overrides.id ?? newId(),
    conversation_id: conversation.id,
    user_id: conversation.user_id,
    role,
    content: overrides.content ?? (role === 'user' ? 'Hello there' : 'Hello! How can I help?'),
    status: overrides.status ?? 'complete',
    model:
      overrides.model === undefined ? (role === 'assistant' ? 'llama3' : null) : overrides.model,
    error_code: overrides.errorCode ?? null,
    prompt_tokens: overrides.promptTokens ?? null,
    completion_tokens: overrides.completionTokens ?? null,
    created_at: overrides.createdAt ?? now,
    updated_at: overrides.updatedAt ?? overrides.createdAt ?? now,
  };
}

/** One message in `conversation` (owned by its user): a complete user message by default. */
export async function makeMessage(
  db: Kysely<Database>,
  conversation: ConversationRow,
  overrides: MessageOverrides = {},
): Promise<MessageRow> {
  return db
    .insertInto('messages')
    .values(messageValues(conversation, overrides))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * `count` messages alternating user and assistant, oldest first, in batches (a 5,000-message
 * conversation takes well under a second). `each(i)` overrides fields of the i-th.
 */
export async function makeMessages(
  db: Kysely<Database>,
  conversation: ConversationRow,
  count: number,
  each: (i: number) => MessageOverrides = (i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i}`,
  }),
): Promise<MessageRow[]> {
  const values = Array.from({ length: count }, (_, i) => messageValues(conversation, each(i)));
  const rows: MessageRow[] = [];
  for (let start = 0; start < values.length; start += 500) {
    const batch = values.slice(start, start + 500);
    rows.push(...(await db.insertInto('messages').values(batch).returningAll().execute()));
  }
  // Inserts may return rows in any order; ids are UUIDv7 and sort by creation.
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
