import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setTitleIfEmpty,
  touchConversation,
} from '../../src/features/chat/conversations.queries.js';
import { addUser, bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { makeConversation, makeMessage, makeMessages } from '../support/chat-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

interface Conversation {
  id: string;
  title: string | null;
  model: string | null;
  systemPrompt: string | null;
  createdAt: string;
  updatedAt: string;
}
interface Message {
  id: string;
  conversationId: string;
  role: string;
  content: string;
  status: string;
  model: string | null;
  errorCode?: string;
  usage?: { promptTokens: number; completionTokens: number };
  createdAt: string;
  updatedAt: string;
}
interface WithMessages extends Conversation {
  messages: Message[];
  hasMore: boolean;
  nextBefore: string | null;
}
interface Page {
  items: Conversation[];
  nextCursor: string | null;
}

let t: TestApp;
let carol: Signed;

beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
  carol = await addUser(t, 'carol');
});
afterAll(() => t.close());

function call(
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.app.inject({ method, url, headers: bearer(token), payload });
}

/** A user of their own, so lists and searches in one test see only that test's data. */
async function freshUser(name: string): Promise<Signed> {
  return addUser(t, name);
}

async function listAll(token: string, limit: number): Promise<Conversation[][]> {
  const pages: Conversation[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const response = await call(token, 'GET', `/api/conversations?limit=${limit}${query}`);
    expect(response.statusCode).toBe(200);
    const page = response.json<Page>();
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

describe(`conversations (${dialect})`, () => {
  it('creates a conversation with its title, model and system prompt and returns 201', async () => {
    const response = await call(carol.accessToken, 'POST', '/api/conversations', {
      title: 'Trip planning',
      model: 'llama3',
      systemPrompt: 'You are terse.',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<Conversation>();
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(body).toEqual({
      id: body.id,
      title: 'Trip planning',
      model: 'llama3',
      systemPrompt: 'You are terse.',
      createdAt: body.createdAt,
      updatedAt: body.createdAt,
    });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  it('creates an untitled conversation from an empty body', async () => {
    const response = await call(carol.accessToken, 'POST', '/api/conversations', {});
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ title: null, model: null, systemPrompt: null });
  });

  it.each([
    ['an unknown field', { title: 'x', owner: 'someone' }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
    ['a model over 200 characters', { model: 'm'.repeat(201) }],
    ['a system prompt over 20,000 characters', { systemPrompt: 's'.repeat(20_001) }],
    ['an empty title', { title: '' }],
  ])('refuses a body with %s', async (_case, payload) => {
    const response = await call(carol.accessToken, 'POST', '/api/conversations', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('gets a conversation with its messages oldest first, usage and error codes included', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId, { title: 'Shapes' });
    const question = await makeMessage(t.database.db, conversation, { content: 'Hi?' });
    const answer = await makeMessage(t.database.db, conversation, {
      role: 'assistant',
      content: 'Hello.',
      model: 'llama3',
      promptTokens: 12,
      completionTokens: 3,
    });
    const failed = await makeMessage(t.database.db, conversation, {
      role: 'assistant',
      content: 'Hal',
      status: 'failed',
      errorCode: 'upstream_timeout',
      promptTokens: 5, // one count without the other is not usage
    });

    const response = await call(carol.accessToken, 'GET', `/api/conversations/${conversation.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<WithMessages>();
    expect(body).toMatchObject({ id: conversation.id, title: 'Shapes', hasMore: false });
    expect(body.nextBefore).toBeNull();
    expect(body.messages.map((m) => m.id)).toEqual([question.id, answer.id, failed.id]);
    expect(body.messages[0]).toEqual({
      id: question.id,
      conversationId: conversation.id,
      role: 'user',
      content: 'Hi?',
      status: 'complete',
      model: null,
      createdAt: question.created_at,
      updatedAt: question.updated_at,
    });
    expect(body.messages[1]).toMatchObject({
      role: 'assistant',
      model: 'llama3',
      usage: { promptTokens: 12, completionTokens: 3 },
    });
    expect(body.messages[1]).not.toHaveProperty('errorCode');
    expect(body.messages[2]).toMatchObject({ status: 'failed', errorCode: 'upstream_timeout' });
    expect(body.messages[2]).not.toHaveProperty('usage');
  });

  it('answers 404 not_found for an id that does not exist', async () => {
    const response = await call(
      carol.accessToken,
      'GET',
      '/api/conversations/0190c2d4-0000-7000-8000-000000000000',
    );
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('changes title, model and system prompt, and null clears model and system prompt', async () => {
    const created = (
      await call(carol.accessToken, 'POST', '/api/conversations', {
        title: 'Old',
        model: 'llama3',
        systemPrompt: 'Be brief.',
      })
    ).json<Conversation>();

    const renamed = await call(carol.accessToken, 'PATCH', `/api/conversations/${created.id}`, {
      title: 'New',
      model: 'qwen2.5',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      title: 'New',
      model: 'qwen2.5',
      systemPrompt: 'Be brief.',
    });

    const cleared = await call(carol.accessToken, 'PATCH', `/api/conversations/${created.id}`, {
      model: null,
      systemPrompt: null,
    });
    expect(cleared.json()).toMatchObject({ title: 'New', model: null, systemPrompt: null });

    const unchanged = await call(
      carol.accessToken,
      'PATCH',
      `/api/conversations/${created.id}`,
      {},
    );
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json()).toEqual(cleared.json());

    const fetched = await call(carol.accessToken, 'GET', `/api/conversations/${created.id}`);
    expect(fetched.json()).toMatchObject({ title: 'New', model: null, systemPrompt: null });
  });

  it('refuses a patch with an unknown field or a null title', async () => {
    const created = (
      await call(carol.accessToken, 'POST', '/api/conversations', { title: 'Keep' })
    ).json<Conversation>();
    for (const payload of [{ user_id: 'x' }, { title: null }, { title: 'y'.repeat(201) }]) {
      const response = await call(
        carol.accessToken,
        'PATCH',
        `/api/conversations/${created.id}`,
        payload,
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('deletes a conversation with 204 and its messages with it', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId);
    await makeMessages(t.database.db, conversation, 4);

    const response = await call(
      carol.accessToken,
      'DELETE',
      `/api/conversations/${conversation.id}`,
    );
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const left = await t.database.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversation.id)
      .execute();
    expect(left).toEqual([]);
    const again = await call(carol.accessToken, 'GET', `/api/conversations/${conversation.id}`);
    expect(again.statusCode).toBe(404);
    const twice = await call(carol.accessToken, 'DELETE', `/api/conversations/${conversation.id}`);
    expect(twice.statusCode).toBe(404);
  });
});

describe(`conversation list (${dialect})`, () => {
  it('pages newest first by last activity, then id, with no duplicates or gaps', async () => {
    const dave = await freshUser('dave');
    const base = Date.parse('2026-12-01T10:00:00.000Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    // Three share one time, so the id decides between them, across a page boundary too.
    const times = [at(1), at(5), at(3), at(3), at(3), at(7), at(2)];
    const made = [];
    for (const [i, time] of times.entries()) {
      made.push(
        await makeConversation(t.database.db, dave.userId, {
          title: `c${i}`,
          createdAt: at(0),
          updatedAt: time,
        }),
      );
    }
    const expected = [...made]
      .sort((a, b) =>
        a.updated_at === b.updated_at
          ? b.id.localeCompare(a.id)
          : b.updated_at.localeCompare(a.updated_at),
      )
      .map((c) => c.id);

    const pages = await listAll(dave.accessToken, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((c) => c.id)).toEqual(expected);
  });

  it('returns one page and a null cursor when everything fits', async () => {
    const erin = await freshUser('erin');
    await makeConversation(t.database.db, erin.userId);
    await makeConversation(t.database.db, erin.userId);
    const response = await call(erin.accessToken, 'GET', '/api/conversations');
    expect(response.json<Page>()).toMatchObject({ nextCursor: null });
    expect(response.json<Page>().items).toHaveLength(2);
  });

  it('moves a conversation to the top when it is touched by new activity', async () => {
    const frank = await freshUser('frank');
    const older = await makeConversation(t.database.db, frank.userId, {
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    await makeConversation(t.database.db, frank.userId, { updatedAt: '2026-12-01T11:00:00.000Z' });
    await touchConversation(t.database.db, older.id, new Date('2026-12-01T12:00:00.000Z'));

    const [first] = (await call(frank.accessToken, 'GET', '/api/conversations')).json<Page>().items;
    expect(first).toMatchObject({ id: older.id, updatedAt: '2026-12-01T12:00:00.000Z' });
  });

  it('gives an untitled conversation a title once and keeps a title already set', async () => {
    const untitled = await makeConversation(t.database.db, carol.userId, { title: null });
    await setTitleIfEmpty(t.database.db, untitled.id, 'From the first message');
    await setTitleIfEmpty(t.database.db, untitled.id, 'From a later message');
    const response = await call(carol.accessToken, 'GET', `/api/conversations/${untitled.id}`);
    expect(response.json()).toMatchObject({ title: 'From the first message' });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a time that is not a time', Buffer.from('["yesterday","x"]').toString('base64url')],
    ['an impossible date', Buffer.from('["2026-13-45T99:00:00.000Z","x"]').toString('base64url')],
  ])('answers 400 validation_failed for a cursor that is %s', async (_case, cursor) => {
    const response = await call(carol.accessToken, 'GET', `/api/conversations?cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it.each([['0'], ['201'], ['ten']])('refuses limit=%s', async (limit) => {
    const response = await call(carol.accessToken, 'GET', `/api/conversations?limit=${limit}`);
    expect(response.statusCode).toBe(400);
  });
});

describe(`long conversations (${dialect})`, () => {
  let token: string;
  let conversationId: string;
  let ids: string[];

  beforeAll(async () => {
    const gina = await freshUser('gina');
    token = gina.accessToken;
    const conversation = await makeConversation(t.database.db, gina.userId, { title: 'Long' });
    conversationId = conversation.id;
    ids = (await makeMessages(t.database.db, conversation, 5000)).map((m) => m.id);
  });

  it('returns the newest 50 messages, oldest first, and where to continue', async () => {
    const response = await call(token, 'GET', `/api/conversations/${conversationId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<WithMessages>();
    expect(body.messages.map((m) => m.id)).toEqual(ids.slice(-50));
    expect(body.messages.at(-1)?.content).toBe('message 4999');
    expect(body.hasMore).toBe(true);
    expect(body.nextBefore).toBe(ids.at(-50));
  });

  it('pages older messages with before until the first one, without gaps or duplicates', async () => {
    const seen: string[][] = [];
    let before: string | null = null;
    do {
      const query: string = before === null ? '' : `&before=${before}`;
      const response = await call(
        token,
        'GET',
        `/api/conversations/${conversationId}?limit=200${query}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<WithMessages>();
      seen.unshift(body.messages.map((m) => m.id));
      expect(body.hasMore).toBe(body.nextBefore !== null);
      before = body.nextBefore;
    } while (before !== null && seen.length < 100);
    expect(seen).toHaveLength(25);
    expect(seen.flat()).toEqual(ids);
  });

  it('returns an empty window before the first message', async () => {
    const response = await call(
      token,
      'GET',
      `/api/conversations/${conversationId}?limit=10&before=${ids[0]}`,
    );
    expect(response.json()).toMatchObject({ messages: [], hasMore: false, nextBefore: null });
  });
});

describe(`export (${dialect})`, () => {
  it('exports JSON with every message and an attachment file name from the title', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId, {
      title: 'Grüße aus Köln!',
      model: 'llama3',
    });
    const messages = await makeMessages(t.database.db, conversation, 60);

    const response = await call(
      carol.accessToken,
      'GET',
      `/api/conversations/${conversation.id}/export?format=json`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="grusse-aus-koln.json"',
    );
    const body = response.json<{ conversation: Conversation; messages: Message[] }>();
    expect(body.conversation).toMatchObject({ id: conversation.id, title: 'Grüße aus Köln!' });
    expect(body.messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(body).not.toHaveProperty('conversation.user_id');
    expect(response.body).not.toContain('user_id');
  });

  it('exports JSON by default', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId, { title: null });
    const response = await call(
      carol.accessToken,
      'GET',
      `/api/conversations/${conversation.id}/export`,
    );
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="conversation.json"',
    );
    expect(response.json()).toMatchObject({ messages: [] });
  });

  it('exports Markdown with the title as heading and a heading per message', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId, {
      title: 'Bread',
      systemPrompt: 'You are a baker.',
    });
    await makeMessage(t.database.db, conversation, { content: 'How long to knead?' });
    await makeMessage(t.database.db, conversation, {
      role: 'assistant',
      model: 'llama3',
      content: 'About **ten** minutes.',
    });
    await makeMessage(t.database.db, conversation, {
      role: 'assistant',
      model: 'llama3',
      content: 'Part',
      status: 'failed',
      errorCode: 'upstream_error',
    });

    const response = await call(
      carol.accessToken,
      'GET',
      `/api/conversations/${conversation.id}/export?format=markdown`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="bread.md"');
    const text = response.body;
    expect(text.startsWith('# Bread\n')).toBe(true);
    expect(text).toContain('## System prompt\n\nYou are a baker.');
    expect(text).toContain('### User\n\nHow long to knead?');
    expect(text).toContain('### Assistant (llama3)\n\nAbout **ten** minutes.');
    expect(text).toContain('_(failed: upstream_error)_');
    expect(text.indexOf('### User')).toBeLessThan(text.indexOf('### Assistant'));
  });

  it('keeps a hostile title out of the Content-Disposition header', async () => {
    const created = await call(carol.accessToken, 'POST', '/api/conversations', {
      title: 'evil"; filename="x.exe"\r\nX-Injected: 1',
    });
    const { id } = created.json<Conversation>();
    for (const format of ['markdown', 'json']) {
      const response = await call(
        carol.accessToken,
        'GET',
        `/api/conversations/${id}/export?format=${format}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-injected']).toBeUndefined();
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="evil-filename-x-exe-x-injected-1\.(md|json)"$/,
      );
    }
  });

  it('refuses an unknown format', async () => {
    const conversation = await makeConversation(t.database.db, carol.userId);
    const response = await call(
      carol.accessToken,
      'GET',
      `/api/conversations/${conversation.id}/export?format=pdf`,
    );
    expect(response.statusCode).toBe(400);
  });
});

describe(`API keys on conversations (${dialect})`, () => {
  async function keyWith(scopes: string[]): Promise<string> {
    const response = await call(carol.accessToken, 'POST', '/api/keys', {
      name: `key ${scopes.join(' ')}`,
      scopes,
    });
    return response.json<{ key: string }>().key;
  }

  it('refuses a key without the chat scope with 403 insufficient_scope on every route', async () => {
    const key = await keyWith(['documents']);
    const conversation = await makeConversation(t.database.db, carol.userId);
    const attempts = [
      call(key, 'GET', '/api/conversations'),
      call(key, 'POST', '/api/conversations', {}),
      call(key, 'GET', '/api/conversations/search?q=hello'),
      call(key, 'GET', `/api/conversations/${conversation.id}`),
      call(key, 'PATCH', `/api/conversations/${conversation.id}`, { title: 'x' }),
      call(key, 'DELETE', `/api/conversations/${conversation.id}`),
      call(key, 'GET', `/api/conversations/${conversation.id}/export`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'insufficient_scope' });
    }
    const still = await call(carol.accessToken, 'GET', `/api/conversations/${conversation.id}`);
    expect(still.json()).toMatchObject({ title: 'A conversation' });
  });

  it('lets a key with the chat scope use conversations', async () => {
    const key = await keyWith(['chat']);
    const created = await call(key, 'POST', '/api/conversations', { title: 'By key' });
    expect(created.statusCode).toBe(201);
    const list = await call(key, 'GET', '/api/conversations?limit=200');
    expect(list.json<Page>().items.map((c) => c.title)).toContain('By key');
  });

  it('refuses a request without credentials with 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/conversations' });
    expect(response.statusCode).toBe(401);
  });
});
