import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Database } from '../../platform/db/schema.js';
import { writeBatcherOf } from '../../platform/db/write-batcher.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { readSetting } from '../admin/settings.js';
import type { ModelGateway } from '../models/upstream.types.js';
import { titleFromContent } from './conversation-title.js';
import { conversationTurns } from './conversation-turns.js';
import { findConversation, setTitleIfEmpty, touchConversation } from './conversations.queries.js';
import type { Generations } from './generations/generations.js';
import type { MessageRow } from './message.presenter.js';

export interface SendMessageProps {
  db: Kysely<Database>;
  config: Config;
  gateway: ModelGateway;
  generations: Generations;
  instanceId: string;
  userId: string;
  conversationId: string;
  content: string;
  model?: string | undefined;
}

/**
 * Stores the user's message and a queued answer in one transaction, then starts the answer's
 * generation on the server. The user's message is committed before any upstream is called,
 * so nothing an upstream does can lose it.
 */
export async function sendMessage(
  props: SendMessageProps,
): Promise<{ userMessage: MessageRow; assistantMessage: MessageRow }> {
  const { db } = props;
  const conversation = await findConversation(db, props.userId, props.conversationId);
  if (!conversation) throw new AppError('not_found', 'No such conversation.');
  const model = props.model ?? conversation.model ?? (await defaultModel(props));

  // Shares its commit with the other writes of the moment (group commit); resolves once the
  // messages are committed.
  const created = await writeBatcherOf(db).run(async (trx) => {
    const at = new Date().toISOString();
    const userMessage: MessageRow = {
      id: newId(),
      conversation_id: conversation.id,
      user_id: props.userId,
      role: 'user',
      content: props.content,
      status: 'complete',
      model: null,
      error_code: null,
      prompt_tokens: null,
      completion_tokens: null,
      runner_id: null,
      created_at: at,
      updated_at: at,
    };
    const assistantMessage: MessageRow = {
      ...userMessage,
      id: newId(),
      role: 'assistant',
      content: '',
      status: 'queued',
      model,
      runner_id: props.instanceId,
    };
    // Both rows are known in full, so one statement stores them and none reads them back.
    await trx.insertInto('messages').values([userMessage, assistantMessage]).execute();
    await touchConversation(trx, conversation.id, at);
    if (conversation.title === null) {
      await setTitleIfEmpty(trx, conversation.id, titleFromContent(props.content));
    }
    return { userMessage, assistantMessage };
  });

  const turns = await conversationTurns(db, {
    conversationId: conversation.id,
    systemPrompt: conversation.system_prompt,
    lastMessageId: created.userMessage.id,
  });
  props.generations.start({
    messageId: created.assistantMessage.id,
    conversationId: conversation.id,
    userId: props.userId,
    model,
    turns,
  });
  return created;
}

/** The instance's default model, else the first model any upstream offers. */
async function defaultModel(props: SendMessageProps): Promise<string> {
  const chosen = await readSetting(props.db, props.config.fixedSettings, 'defaultModel');
  if (chosen) return chosen;
  const first = await props.gateway.firstModel();
  if (first === null) {
    throw new AppError(
      'no_model',
      'Choose a model: no default model is set and no upstream offers one right now.',
    );
  }
  return first;
}
