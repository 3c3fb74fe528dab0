import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { makeConversation, makeMessages, type ConversationRow } from '../support/chat-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
let alice: Signed;
let bob: Signed;
let conversation: ConversationRow;

beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
  alice = await addUser(t, 'alice-c');
  bob = await addUser(t, 'bob-c');
  conversation = await makeConversation(t.database.db, alice.userId, {
    title: 'Alice private',
    model: 'llama3',
    systemPrompt: 'Only for Alice.',
  });
  await makeMessages(t.database.db, conversation, 6);
});
afterAll(() => t.close());

type Method = 'GET' | 'PATCH' | 'DELETE';

function call(token: string, method: Method, url: string, payload?: object) {
  return t.app.inject({ method, url, headers: bearer(token), payload });
}

function withoutRequestId(problem: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(problem).filter(([key]) => key !== 'requestId'));
}

/** Everything Alice can read of her conversation: the conversation, messages and export. */
async function aliceView(): Promise<unknown> {
  const full = await call(alice.accessToken, 'GET', `/api/conversations/${conversation.id}`);
  const exported = await call(
    alice.accessToken,
    'GET',
    `/api/conversations/${conversation.id}/export?format=markdown`,
  );
  expect(full.statusCode).toBe(200);
  return { full: full.json<unknown>(), markdown: exported.body };
}

describe(`one user on another's conversation (${dialect})`, () => {
  const attempts: [string, Method, (id: string) => string, object | undefined][] = [
    ['reads it', 'GET', (id) => `/api/conversations/${id}`, undefined],
    [
      'pages its messages',
      'GET',
      (id) => `/api/conversations/${id}?limit=2&before=zzzz`,
      undefined,
    ],
    ['renames it', 'PATCH', (id) => `/api/conversations/${id}`, { title: 'Hijacked' }],
    ['clears its settings', 'PATCH', (id) => `/api/conversations/${id}`, { systemPrompt: null }],
    ['sends an empty patch', 'PATCH', (id) => `/api/conversations/${id}`, {}],
    ['deletes it', 'DELETE', (id) => `/api/conversations/${id}`, undefined],
    ['exports it as JSON', 'GET', (id) => `/api/conversations/${id}/export?format=json`, undefined],
    [
      'exports it as Markdown',
      'GET',
      (id) => `/api/conversations/${id}/export?format=markdown`,
      undefined,
    ],
  ];

  it.each(attempts)(
    'gets 404 not_found when B %s, like a missing id, and A’s data stays as it was',
    async (_case, method, url, payload) => {
      const before = await aliceView();

      const theirs = await call(bob.accessToken, method, url(conversation.id), payload);
      expect(theirs.statusCode).toBe(404);
      const missing = await call(
        bob.accessToken,
        method,
        url('0190c2d4-0000-7000-8000-000000000000'),
        payload,
      );
      expect(missing.statusCode).toBe(404);
      // Nothing in the answer tells an existing conversation from a missing one.
      const theirProblem = withoutRequestId(theirs.json());
      const missingProblem = withoutRequestId(missing.json());
      expect(theirProblem).toEqual(missingProblem);
      expect(theirProblem).toMatchObject({ code: 'not_found' });
      expect(theirs.body).not.toContain('Alice private');

      expect(await aliceView()).toEqual(before);
    },
  );

  it('does not list or search another user’s conversations', async () => {
    const list = await call(bob.accessToken, 'GET', '/api/conversations');
    expect(list.json()).toEqual({ items: [], nextCursor: null });
    const search = await call(bob.accessToken, 'GET', '/api/conversations/search?q=message');
    expect(search.json()).toEqual({ items: [], nextCursor: null });
    const own = await call(alice.accessToken, 'GET', '/api/conversations/search?q=message');
    expect(own.json<{ items: unknown[] }>().items).toHaveLength(6);
  });

  it('keeps A’s messages when B tries to delete the conversation', async () => {
    await call(bob.accessToken, 'DELETE', `/api/conversations/${conversation.id}`);
    const rows = await t.database.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversation.id)
      .execute();
    expect(rows).toHaveLength(6);
  });
});
