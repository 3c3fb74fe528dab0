import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearer, createUser, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';
import { simulatorPool } from '../support/simulators.js';

let t: TestApp;
const cleanups: (() => Promise<void>)[] = [];
const simulators = simulatorPool();
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await simulators.closeAll();
});

async function start(env: Record<string, string>): Promise<Signed> {
  t = await createTestApp({ env });
  cleanups.push(() => t.close());
  return setUpAdmin(t);
}

const models = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/models', headers: bearer(token) });

describe(`GET /api/models (${dialect})`, () => {
  it('merges the models of an Ollama and an OpenAI-compatible upstream', async () => {
    const ollama = await simulators.start();
    const openai = await simulators.start({
      models: ['gpt-sim', 'sim-small'],
      apiKey: 'sk-upstream',
    });
    const admin = await start({
      OLLAMA_URL: ollama.url,
      OPENAI_BASE_URL: openai.openaiBaseUrl,
      OPENAI_API_KEY: 'sk-upstream',
    });
    const user = await createUser(t, admin, 'alice');
    const response = await models(user.accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { id: 'sim-small', provider: 'ollama', name: 'sim-small' },
        { id: 'sim-large', provider: 'ollama', name: 'sim-large' },
        { id: 'gpt-sim', provider: 'openai', name: 'gpt-sim' },
        // The same name at a later provider gets that provider's prefix.
        { id: 'openai/sim-small', provider: 'openai', name: 'sim-small' },
      ],
    });
  });

  it('leaves out an unreachable upstream and still answers', async () => {
    const openai = await simulators.start({ models: ['gpt-sim'] });
    const admin = await start({
      OLLAMA_URL: await simulators.refusedUrl(),
      OPENAI_BASE_URL: openai.openaiBaseUrl,
    });
    const response = await models(admin.accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [{ id: 'gpt-sim', provider: 'openai', name: 'gpt-sim' }],
    });
  });

  it('answers an empty list when no upstream can be reached', async () => {
    const admin = await start({ OLLAMA_URL: await simulators.refusedUrl() });
    const response = await models(admin.accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [] });
  });

  it('needs a signed-in caller, and the chat scope for an API key', async () => {
    const ollama = await simulators.start();
    const admin = await start({ OLLAMA_URL: ollama.url });
    expect((await t.app.inject({ method: 'GET', url: '/api/models' })).statusCode).toBe(401);
    const key = async (scopes: string[]) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: bearer(admin.accessToken),
        payload: { name: scopes.join(), scopes },
      });
      return created.json<{ key: string }>().key;
    };
    const documentsOnly = await models(await key(['documents']));
    expect(documentsOnly.statusCode).toBe(403);
    expect(documentsOnly.json()).toMatchObject({ code: 'insufficient_scope' });
    const chat = await models(await key(['chat']));
    expect(chat.statusCode).toBe(200);
    expect(chat.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('keeps answering, with health, while a generation hangs at the upstream', async () => {
    const ollama = await simulators.start({ script: { hang: 'headers' } });
    const admin = await start({
      OLLAMA_URL: ollama.url,
      UPSTREAM_RETRIES: '0',
      UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '60000',
    });
    // Ollama runs one generation at a time: this one holds its only slot.
    let hungDone = false;
    const hung = t.app
      .inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: bearer(admin.accessToken),
        payload: { model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] },
      })
      .finally(() => {
        hungDone = true;
      });
    await vi.waitFor(() => expect(ollama.requests.some((r) => r.path === '/api/chat')).toBe(true));

    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const listed = await models(admin.accessToken);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect(hungDone).toBe(false);

    // The upstream goes away: the hung call ends with an upstream error, not a hang.
    await ollama.close();
    const ended = await hung;
    expect(ended.statusCode).toBeGreaterThanOrEqual(500);
  });
});
