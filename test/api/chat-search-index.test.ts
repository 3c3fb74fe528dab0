import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import {
  createChatTestApp,
  newConversation,
  waitForMessage,
  type ChatTestApp,
} from '../support/chat-client.js';
import { makeConversation, makeMessage } from '../support/chat-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function searchIds(t: TestApp, user: Signed, q: string): Promise<string[]> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/conversations/search?q=${encodeURIComponent(q)}`,
    headers: bearer(user.accessToken),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: { messageId: string }[] }>().items.map((item) => item.messageId);
}

/**
 * SQLite's own check of the full-text index; with `againstContent` it also re-reads every
 * message and compares, which holds only while no message is queued or streaming (those are
 * left out of the index on purpose).
 */
async function checkIndex(t: TestApp, againstContent: boolean): Promise<void> {
  const { db } = t.database;
  if (againstContent) {
    await sql`insert into messages_fts(messages_fts, rank) values ('integrity-check', 1)`.execute(
      db,
    );
  } else {
    await sql`insert into messages_fts(messages_fts) values ('integrity-check')`.execute(db);
  }
}

describe(`search index of answers (${dialect})`, () => {
  it('finds an answer once it is complete, never its partial text while it streams', async () => {
    const tokens = ['Quokkas ', 'are ', ...Array.from({ length: 150 }, (_, i) => `word${i} `)];
    const chat: ChatTestApp = await createChatTestApp({ script: { tokens, tokenDelayMs: 10 } });
    cleanups.push(() => chat.close());
    const conversationId = await newConversation(chat.t, chat.admin);
    const sent = await chat.t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/messages`,
      headers: bearer(chat.admin.accessToken),
      payload: { content: 'tell me about marsupials' },
    });
    expect(sent.statusCode).toBe(202);
    const answerId = sent.json<{ assistantMessage: { id: string } }>().assistantMessage.id;

    // The streaming text reaches the database in batches; it must not reach the index.
    let seenPartial = false;
    for (let attempt = 0; attempt < 400 && !seenPartial; attempt++) {
      const row = await chat.t.database.db
        .selectFrom('messages')
        .select(['content', 'status'])
        .where('id', '=', answerId)
        .executeTakeFirstOrThrow();
      if (row.status !== 'queued' && row.status !== 'streaming') break;
      seenPartial = row.status === 'streaming' && row.content.includes('Quokkas');
      if (!seenPartial) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seenPartial).toBe(true);
    expect(await searchIds(chat.t, chat.admin, 'quokkas')).toEqual([]);

    const finished = await waitForMessage(chat.t, chat.admin, answerId);
    expect(finished.status).toBe('complete');
    expect(await searchIds(chat.t, chat.admin, 'quokkas')).toEqual([answerId]);
    expect(await searchIds(chat.t, chat.admin, 'word149')).toEqual([answerId]);
    // The user's message is searchable as soon as it is sent.
    expect(await searchIds(chat.t, chat.admin, 'marsupials')).toHaveLength(1);
    if (dialect === 'sqlite') await checkIndex(chat.t, true);
  });

  it('re-indexes a finished message whose text changes, and forgets a deleted one', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const admin = await setUpAdmin(t);
    const { db } = t.database;
    const conversation = await makeConversation(db, admin.userId);
    const message = await makeMessage(db, conversation, { content: 'a wombat in the garden' });
    expect(await searchIds(t, admin, 'wombat')).toEqual([message.id]);

    await db
      .updateTable('messages')
      .set({ content: 'a numbat in the garden' })
      .where('id', '=', message.id)
      .execute();
    expect(await searchIds(t, admin, 'wombat')).toEqual([]);
    expect(await searchIds(t, admin, 'numbat')).toEqual([message.id]);
    expect(await searchIds(t, admin, 'garden')).toEqual([message.id]);

    await db.deleteFrom('messages').where('id', '=', message.id).execute();
    expect(await searchIds(t, admin, 'numbat')).toEqual([]);
    if (dialect === 'sqlite') await checkIndex(t, true);
  });

  it('keeps the index consistent through queued, streaming, ended, edited and deleted answers', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const admin = await setUpAdmin(t);
    const { db } = t.database;
    const conversation = await makeConversation(db, admin.userId);
    const stream = async (id: string, parts: string[]) => {
      let text = '';
      for (const part of parts) {
        text += part;
        await db
          .updateTable('messages')
          .set({ content: text, status: 'streaming' })
          .where('id', '=', id)
          .execute();
      }
      return text;
    };
    const end = (id: string, status: 'complete' | 'cancelled' | 'failed' | 'interrupted') =>
      db.updateTable('messages').set({ status }).where('id', '=', id).execute();

    const statuses = ['complete', 'cancelled', 'failed', 'interrupted'] as const;
    const answers = [];
    for (const [i, status] of statuses.entries()) {
      const answer = await makeMessage(db, conversation, {
        role: 'assistant',
        content: '',
        status: 'queued',
      });
      await stream(answer.id, [`lemur${i} `, 'tamarin ', `gibbon${i}`]);
      expect(await searchIds(t, admin, `lemur${i}`)).toEqual([]);
      if (dialect === 'sqlite') await checkIndex(t, false);
      await end(answer.id, status);
      expect(await searchIds(t, admin, `lemur${i}`)).toEqual([answer.id]);
      answers.push(answer);
    }
    if (dialect === 'sqlite') await checkIndex(t, true);

    // Edited after it ended, deleted after it ended, and deleted while still streaming.
    const [edited, deleted] = answers;
    await db
      .updateTable('messages')
      .set({ content: 'only a marmoset now' })
      .where('id', '=', edited?.id ?? '')
      .execute();
    expect(await searchIds(t, admin, 'lemur0')).toEqual([]);
    expect(await searchIds(t, admin, 'marmoset')).toEqual([edited?.id]);
    await db
      .deleteFrom('messages')
      .where('id', '=', deleted?.id ?? '')
      .execute();
    expect(await searchIds(t, admin, 'lemur1')).toEqual([]);
    const abandoned = await makeMessage(db, conversation, {
      role: 'assistant',
      content: '',
      status: 'queued',
    });
    await stream(abandoned.id, ['siamang ', 'tarsier']);
    await db.deleteFrom('messages').where('id', '=', abandoned.id).execute();
    expect(await searchIds(t, admin, 'tamarin')).toHaveLength(2);

    // Deleting the conversation removes the rest from the index.
    await db.deleteFrom('conversations').where('id', '=', conversation.id).execute();
    expect(await searchIds(t, admin, 'tamarin')).toEqual([]);
    if (dialect === 'sqlite') await checkIndex(t, true);
  });
});
