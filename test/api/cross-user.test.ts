import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  USER_PASSWORD,
  addUser,
  bearer,
  login,
  me,
  setUpAdmin,
  signedFrom,
  type Signed,
} from '../support/accounts.js';
import { makeConversation, makeMessage } from '../support/chat-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

/**
 * Every route that takes an id, walked from the app itself: user B, with valid credentials,
 * aims at user A's resources and gets 404, and A's resources are unchanged. A new route with
 * an id and no entry in RESOURCES fails this test, so none can be forgotten.
 */

interface Resource {
  /** Creates a resource of user A's and returns its id. */
  create(a: Signed): Promise<string>;
  /** Whether A's resource still works as before. */
  intact(a: Signed, id: string): Promise<boolean>;
  /** A body that passes validation, so the answer is about ownership (default `{}`). */
  payload?: Record<string, unknown>;
}

let t: TestApp;
let alice: Signed;
let bob: Signed;

const RESOURCES: Record<string, Resource> = {
  '/api/auth/sessions/:id': {
    async create() {
      const second = signedFrom(await login(t, 'alice-x', USER_PASSWORD));
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/auth/sessions',
        headers: bearer(second.accessToken),
      });
      const current = list.json<{ items: { id: string; current: boolean }[] }>().items;
      const id = current.find((s) => s.current)?.id ?? '';
      sessionAccess.set(id, second.accessToken);
      return id;
    },
    async intact(_a, id) {
      return (await me(t, sessionAccess.get(id) ?? '')).statusCode === 200;
    },
  },
  '/api/keys/:id': {
    async create(a) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: bearer(a.accessToken),
        payload: { name: 'alice key', scopes: ['chat'] },
      });
      const { id, key } = response.json<{ id: string; key: string }>();
      keys.set(id, key);
      return id;
    },
    async intact(_a, id) {
      return (await me(t, keys.get(id) ?? '')).statusCode === 200;
    },
  },
  '/api/conversations/:id': conversationResource(),
  '/api/conversations/:id/export': conversationResource(),
  '/api/conversations/:id/messages': { ...conversationResource(), payload: { content: 'hi' } },
  '/api/messages/:id': messageResource(),
  '/api/messages/:id/stream': messageResource(),
  '/api/messages/:id/cancel': messageResource(),
};
const sessionAccess = new Map<string, string>();

function conversationResource(): Resource {
  return {
    async create(a) {
      const conversation = await makeConversation(t.database.db, a.userId, { title: 'mine' });
      return conversation.id;
    },
    async intact(a, id) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/conversations/${id}`,
        headers: bearer(a.accessToken),
      });
      const body = response.json<{ title: string; messages: unknown[] }>();
      return response.statusCode === 200 && body.title === 'mine' && body.messages.length === 0;
    },
  };
}

function messageResource(): Resource {
  return {
    async create(a) {
      const conversation = await makeConversation(t.database.db, a.userId);
      const message = await makeMessage(t.database.db, conversation, {
        role: 'assistant',
        content: 'private words',
        status: 'complete',
      });
      return message.id;
    },
    async intact(a, id) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/messages/${id}`,
        headers: bearer(a.accessToken),
      });
      return (
        response.statusCode === 200 &&
        response.json<{ content: string; status: string }>().content === 'private words' &&
        response.json<{ status: string }>().status === 'complete'
      );
    },
  };
}
const keys = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  await setUpAdmin(t);
  alice = await addUser(t, 'alice-x');
  bob = await addUser(t, 'bob-x');
});
afterAll(() => t.close());

describe(`one user on another's ids (${dialect})`, () => {
  it('every non-admin route with an id is covered here', () => {
    const withIds = t.app.guardedRoutes.filter(
      (r) => r.url.includes(':') && r.rule.role !== 'admin',
    );
    expect(withIds.length).toBeGreaterThan(0);
    for (const route of withIds) expect(Object.keys(RESOURCES), route.url).toContain(route.url);
  });

  it('gets 404 and leaves the resource as it was', async () => {
    const withIds = t.app.guardedRoutes.filter(
      (r) => r.url.includes(':') && r.rule.role !== 'admin',
    );
    for (const route of withIds) {
      const resource = RESOURCES[route.url];
      if (!resource) continue;
      const id = await resource.create(alice);
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', id),
        headers: bearer(bob.accessToken),
        payload:
          route.method === 'GET' || route.method === 'DELETE'
            ? undefined
            : (resource.payload ?? {}),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(await resource.intact(alice, id), `${route.method} ${route.url}`).toBe(true);
    }
  });

  it('admin routes with ids answer a user 403', async () => {
    const adminRoutes = t.app.guardedRoutes.filter((r) => r.rule.role === 'admin');
    for (const route of adminRoutes) {
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', alice.userId),
        headers: bearer(bob.accessToken),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });
});
