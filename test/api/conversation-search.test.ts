import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { makeConversation, makeMessage } from '../support/chat-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

interface Hit {
  conversationId: string;
  conversationTitle: string | null;
  messageId: string;
  role: string;
  snippet: string;
  createdAt: string;
}
interface Results {
  items: Hit[];
  nextCursor: string | null;
}

let t: TestApp;
let alice: Signed;
let bob: Signed;

beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
  alice = await addUser(t, 'alice-s');
  bob = await addUser(t, 'bob-s');
});
afterAll(() => t.close());

function search(token: string, query: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/conversations/search?${query}`,
    headers: bearer(token),
  });
}
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

describe(`message search (${dialect})`, () => {
  it('finds the caller’s messages, best match first, with title, role and snippet', async () => {
    const db = t.database.db;
    const zoo = await makeConversation(db, alice.userId, { title: 'Zoo visit' });
    const strong = await makeMessage(db, zoo, {
      role: 'assistant',
      content: 'Zebra zebra zebra!',
    });
    const other = await makeConversation(db, alice.userId, { title: 'Savannah notes' });
    const weak = await makeMessage(db, other, {
      content:
        'We drove for hours across the plains, saw lions, giraffes, elephants, and one zebra near the river before sunset.',
    });
    await makeMessage(db, other, { content: 'Nothing striped in this one.' });

    const response = await search(alice.accessToken, q('zebra'));
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json<Results>();
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.messageId)).toEqual([strong.id, weak.id]);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual([
      'conversationId',
      'conversationTitle',
      'createdAt',
      'messageId',
      'role',
      'snippet',
    ]);
    expect(items[0]).toMatchObject({
      conversationId: zoo.id,
      conversationTitle: 'Zoo visit',
      messageId: strong.id,
      role: 'assistant',
      createdAt: strong.created_at,
    });
    // Plain text around the match (PostgreSQL's headline drops trailing punctuation).
    expect(items[0]?.snippet).toContain('Zebra zebra zebra');
    expect(items[1]?.snippet).toContain('zebra');
    expect(items[1]).toMatchObject({ conversationTitle: 'Savannah notes', role: 'user' });
  });

  it('requires every word of the query', async () => {
    const conversation = await makeConversation(t.database.db, alice.userId);
    const both = await makeMessage(t.database.db, conversation, {
      content: 'quokka and wombat together',
    });
    await makeMessage(t.database.db, conversation, { content: 'only a quokka here' });
    const { items } = (await search(alice.accessToken, q('wombat quokka'))).json<Results>();
    expect(items.map((i) => i.messageId)).toEqual([both.id]);
  });

  it('never returns another user’s messages', async () => {
    const db = t.database.db;
    const mine = await makeConversation(db, alice.userId, { title: 'Alice only' });
    await makeMessage(db, mine, { content: 'the secret word is pangolin' });
    await makeMessage(db, mine, { content: 'shared word okapi from alice' });
    const bobs = await makeConversation(db, bob.userId, { title: 'Bob' });
    const bobMessage = await makeMessage(db, bobs, { content: 'okapi seen by bob' });

    const secret = await search(bob.accessToken, q('pangolin'));
    expect(secret.statusCode).toBe(200);
    expect(secret.json<Results>().items).toEqual([]);

    const shared = (await search(bob.accessToken, q('okapi'))).json<Results>();
    expect(shared.items.map((i) => i.messageId)).toEqual([bobMessage.id]);
    expect(JSON.stringify(shared)).not.toContain('alice');
  });

  it.each([
    '"',
    '""',
    '"unbalanced',
    '*',
    'zebra*',
    '^zebra',
    'content:zebra',
    ':',
    'NEAR(zebra lion)',
    'NEAR',
    'zebra AND',
    'OR zebra',
    'NOT',
    '(',
    ')',
    '(zebra',
    '-zebra',
    '+',
    "'; drop table messages; --",
    '{content}: zebra',
    '\\',
    'a & b | !c <-> d',
    'zebra:*',
  ])('answers %j without a server error', async (text) => {
    const response = await search(alice.accessToken, q(text));
    expect(response.statusCode).toBe(200);
    expect(Array.isArray(response.json<Results>().items)).toBe(true);
  });

  it('treats FTS operators typed by the user as plain words', async () => {
    const conversation = await makeConversation(t.database.db, alice.userId);
    const message = await makeMessage(t.database.db, conversation, {
      content: 'The capybara (a rodent) is NEAR water',
    });
    for (const text of ['(capybara)', 'capybara*', '"capybara', 'capybara:', 'NEAR capybara']) {
      const { items } = (await search(alice.accessToken, q(text))).json<Results>();
      expect(
        items.map((i) => i.messageId),
        text,
      ).toEqual([message.id]);
    }
  });

  it('finds the new text of a message after its content is updated, as streaming does', async () => {
    const conversation = await makeConversation(t.database.db, alice.userId);
    const message = await makeMessage(t.database.db, conversation, {
      role: 'assistant',
      status: 'streaming',
      content: 'Thinking about narwhal',
    });
    await t.database.db
      .updateTable('messages')
      .set({ content: 'Thinking about axolotl instead', status: 'complete' })
      .where('id', '=', message.id)
      .execute();

    const fresh = (await search(alice.accessToken, q('axolotl'))).json<Results>();
    expect(fresh.items.map((i) => i.messageId)).toEqual([message.id]);
    const stale = (await search(alice.accessToken, q('narwhal'))).json<Results>();
    expect(stale.items).toEqual([]);
  });

  it('stops finding messages once their conversation is deleted', async () => {
    const conversation = await makeConversation(t.database.db, alice.userId);
    await makeMessage(t.database.db, conversation, { content: 'a lonely aardvark' });
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/conversations/${conversation.id}`,
      headers: bearer(alice.accessToken),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await search(alice.accessToken, q('aardvark'))).json<Results>().items).toEqual([]);
  });

  it('pages results with limit and cursor without duplicates or gaps', async () => {
    const conversation = await makeConversation(t.database.db, alice.userId);
    const made = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await makeMessage(t.database.db, conversation, { content: `ibex number ${i}` }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const extra: string = cursor === null ? '&limit=2' : `&limit=2&cursor=${cursor}`;
      const page: Results = (await search(alice.accessToken, q('ibex', extra))).json<Results>();
      seen.push(...page.items.map((i) => i.messageId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual(made.map((m) => m.id).sort());
  });

  it.each([
    ['an empty q', 'q='],
    ['a blank q', `q=${encodeURIComponent('   ')}`],
    ['no q', 'limit=5'],
    ['a bad cursor', `${q('zebra')}&cursor=bm90LWEtY3Vyc29y`],
    ['a limit over 200', `${q('zebra')}&limit=201`],
  ])('answers 400 validation_failed for %s', async (_case, query) => {
    const response = await search(alice.accessToken, query);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('returns nothing for a query of punctuation only', async () => {
    const response = await search(alice.accessToken, q('*** ?? !!'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
  });
});
