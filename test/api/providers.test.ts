import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openSecret } from '../../src/platform/crypto/secret-box.js';
import { bearer, createUser, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';
import { simulatorPool } from '../support/simulators.js';

let t: TestApp;
let admin: Signed;
const cleanups: (() => Promise<void>)[] = [];
const simulators = simulatorPool();
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await simulators.closeAll();
});

async function start(env: Record<string, string>): Promise<void> {
  t = await createTestApp({ env });
  cleanups.push(() => t.close());
  admin = await setUpAdmin(t);
}

/** Every answer of the test, to check that a key never appears in any of them. */
const answers: LightMyRequestResponse[] = [];
async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
  token = admin.accessToken,
): Promise<LightMyRequestResponse> {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });
  answers.push(response);
  return response;
}

interface ProviderView {
  id: string;
  name: string;
  kind: string;
  baseUrl: string;
  hasApiKey: boolean;
  enabled: boolean;
  concurrency: number;
  locked: boolean;
  source: string;
  createdAt: string | null;
  updatedAt: string | null;
}

const list = async () =>
  (await call('GET', '/api/admin/providers')).json<{ items: ProviderView[] }>().items;
const modelIds = async () =>
  (await call('GET', '/api/models')).json<{ items: { id: string }[] }>().items.map((m) => m.id);

describe(`admin providers (${dialect})`, () => {
  it('lists the providers from the environment first, locked, without their key', async () => {
    const ollama = await simulators.start();
    await start({
      OLLAMA_URL: ollama.url,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_API_KEY: 'sk-from-the-environment',
    });
    const response = await call('GET', '/api/admin/providers');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: 'ollama',
          name: 'Ollama',
          kind: 'ollama',
          baseUrl: ollama.url,
          hasApiKey: false,
          enabled: true,
          concurrency: 1,
          locked: true,
          source: 'environment',
          createdAt: null,
          updatedAt: null,
        },
        {
          id: 'openai',
          name: 'OpenAI-compatible',
          kind: 'openai',
          baseUrl: 'http://127.0.0.1:9/v1',
          hasApiKey: true,
          enabled: true,
          concurrency: 8,
          locked: true,
          source: 'environment',
          createdAt: null,
          updatedAt: null,
        },
      ],
      nextCursor: null,
    });
    expect(response.body).not.toContain('sk-from-the-environment');
  });

  it('takes UPSTREAM_CONCURRENCY for every provider without its own setting', async () => {
    await start({ OLLAMA_URL: await simulators.refusedUrl(), UPSTREAM_CONCURRENCY: '3' });
    const created = await call('POST', '/api/admin/providers', {
      name: 'vLLM',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    const own = await call('POST', '/api/admin/providers', {
      name: 'Big box',
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:9',
      concurrency: 5,
    });
    expect(created.json()).toMatchObject({ concurrency: 3 });
    expect(own.json()).toMatchObject({ concurrency: 5 });
    expect((await list()).map((p) => p.concurrency)).toEqual([3, 3, 5]);
  });

  it('adds, edits, disables and deletes a provider, whose models join the list', async () => {
    const ollama = await simulators.start();
    const upstream = await simulators.start({
      models: ['big-model', 'sim-small'],
      apiKey: 'sk-stored-key-1',
    });
    await start({ OLLAMA_URL: ollama.url });
    answers.length = 0;

    const created = await call('POST', '/api/admin/providers', {
      name: 'GPU server',
      kind: 'openai',
      baseUrl: upstream.openaiBaseUrl,
      apiKey: 'sk-stored-key-1',
    });
    expect(created.statusCode).toBe(201);
    const provider = created.json<ProviderView>();
    expect(provider).toMatchObject({
      name: 'GPU server',
      kind: 'openai',
      baseUrl: upstream.openaiBaseUrl,
      hasApiKey: true,
      enabled: true,
      concurrency: 8,
      locked: false,
      source: 'admin',
    });
    expect(provider.createdAt).toEqual(expect.any(String));
    expect(Object.keys(provider)).not.toContain('apiKey');
    expect((await list()).map((p) => p.id)).toEqual(['ollama', provider.id]);
    expect(await modelIds()).toEqual([
      'sim-small',
      'sim-large',
      'big-model',
      `${provider.id}/sim-small`,
    ]);

    // The key is stored sealed, never in plain text.
    const row = await t.database.db
      .selectFrom('providers')
      .selectAll()
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow();
    expect(row.api_key_sealed).not.toContain('sk-stored-key-1');
    expect(openSecret(t.secrets.masterKeys, row.api_key_sealed ?? '')).toBe('sk-stored-key-1');

    const renamed = await call('PATCH', `/api/admin/providers/${provider.id}`, {
      name: 'GPU box',
      concurrency: 2,
      apiKey: 'sk-stored-key-2',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'GPU box', concurrency: 2, hasApiKey: true });

    const disabled = await call('PATCH', `/api/admin/providers/${provider.id}`, {
      enabled: false,
    });
    expect(disabled.json()).toMatchObject({ enabled: false });
    expect(await modelIds()).toEqual(['sim-small', 'sim-large']);

    const keyless = await call('PATCH', `/api/admin/providers/${provider.id}`, {
      enabled: true,
      apiKey: null,
      concurrency: null,
    });
    expect(keyless.json()).toMatchObject({ enabled: true, hasApiKey: false, concurrency: 8 });
    // Without its key the upstream refuses to list: it is left out.
    expect(await modelIds()).toEqual(['sim-small', 'sim-large']);

    expect((await call('DELETE', `/api/admin/providers/${provider.id}`)).statusCode).toBe(204);
    expect((await list()).map((p) => p.id)).toEqual(['ollama']);
    expect((await call('DELETE', `/api/admin/providers/${provider.id}`)).statusCode).toBe(404);

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', 'like', 'provider.%')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'provider.create',
      'provider.update',
      'provider.update',
      'provider.update',
      'provider.delete',
    ]);
    expect(events[0]).toMatchObject({ actor_id: admin.userId, target_id: provider.id });
    expect(JSON.parse(events[1]?.details ?? '{}')).toEqual({
      name: 'GPU box',
      concurrency: 2,
      authChange: 'api key set',
    });

    for (const text of [...answers.map((a) => a.body), ...events.map((e) => e.details)]) {
      expect(text).not.toContain('sk-stored-key');
    }
  });

  it('refuses to change or delete a provider from the environment', async () => {
    await start({
      OLLAMA_URL: await simulators.refusedUrl(),
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    const patched = await call('PATCH', '/api/admin/providers/ollama', { enabled: false });
    expect(patched.statusCode).toBe(409);
    expect(patched.json()).toMatchObject({ code: 'conflict' });
    expect(patched.json<{ detail: string }>().detail).toContain('OLLAMA_URL');
    const deleted = await call('DELETE', '/api/admin/providers/openai');
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json<{ detail: string }>().detail).toContain('OPENAI_BASE_URL');
    expect((await list()).map((p) => [p.id, p.enabled])).toEqual([
      ['ollama', true],
      ['openai', true],
    ]);
  });

  it('answers 404 for a provider that does not exist', async () => {
    await start({ OLLAMA_URL: await simulators.refusedUrl() });
    const missing = '01900000-0000-7000-8000-000000000000';
    expect((await call('PATCH', `/api/admin/providers/${missing}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect((await call('DELETE', `/api/admin/providers/${missing}`)).statusCode).toBe(404);
    expect((await call('POST', `/api/admin/providers/${missing}/test`)).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    await start({ OLLAMA_URL: await simulators.refusedUrl() });
    const user = await createUser(t, admin, 'alice');
    const created = await call('POST', '/api/admin/providers', {
      name: 'Box',
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:9',
    });
    const id = created.json<ProviderView>().id;
    for (const [method, url, payload] of [
      ['GET', '/api/admin/providers', undefined],
      ['POST', '/api/admin/providers', { name: 'Mine', kind: 'ollama', baseUrl: 'http://x.test' }],
      ['PATCH', `/api/admin/providers/${id}`, { enabled: false }],
      ['POST', `/api/admin/providers/${id}/test`, undefined],
      ['DELETE', `/api/admin/providers/${id}`, undefined],
    ] as const) {
      const response = await call(method, url, payload, user.accessToken);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await list()).map((p) => [p.id, p.enabled])).toEqual([
      ['ollama', true],
      [id, true],
    ]);
  });

  it('refuses bad bodies with validation_failed and stores nothing', async () => {
    await start({ OLLAMA_URL: await simulators.refusedUrl() });
    const valid = { name: 'Box', kind: 'ollama', baseUrl: 'http://box.local:11434' };
    for (const payload of [
      {},
      { ...valid, name: '' },
      { ...valid, name: '   ' },
      { ...valid, kind: 'anthropic' },
      { ...valid, baseUrl: 'ftp://box.local' },
      { ...valid, baseUrl: 'box.local:11434' },
      { ...valid, baseUrl: 'http://' },
      { ...valid, apiKey: '' },
      { ...valid, concurrency: 0 },
      { ...valid, concurrency: 1.5 },
      { ...valid, enabled: 'yes' },
      { ...valid, id: 'ollama' },
    ]) {
      const response = await call('POST', '/api/admin/providers', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const { id } = (await call('POST', '/api/admin/providers', valid)).json<ProviderView>();
    for (const payload of [{}, { locked: false }, { baseUrl: 'mailto:x@y' }, { concurrency: -1 }]) {
      const response = await call('PATCH', `/api/admin/providers/${id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await list()).map((p) => p.name)).toEqual(['Ollama', 'Box']);
  });

  it('tests a provider: reports its models, or what failed, never with a 5xx', async () => {
    const ollama = await simulators.start();
    const upstream = await simulators.start({ models: ['gpt-sim'], apiKey: 'sk-right' });
    await start({ OLLAMA_URL: ollama.url });

    const env = await call('POST', '/api/admin/providers/ollama/test');
    expect(env.statusCode).toBe(200);
    expect(env.json()).toMatchObject({ ok: true, models: ['sim-small', 'sim-large'] });
    expect(env.json<{ latencyMs: number }>().latencyMs).toEqual(expect.any(Number));

    const add = async (name: string, baseUrl: string, apiKey?: string) =>
      (
        await call('POST', '/api/admin/providers', {
          name,
          kind: 'openai',
          baseUrl,
          ...(apiKey ? { apiKey } : {}),
        })
      ).json<ProviderView>().id;
    const good = await add('Good', upstream.openaiBaseUrl, 'sk-right');
    const wrongKey = await add('Wrong key', upstream.openaiBaseUrl, 'sk-wrong');
    const down = await add('Down', `${await simulators.refusedUrl()}/v1`);

    expect((await call('POST', `/api/admin/providers/${good}/test`)).json()).toMatchObject({
      ok: true,
      models: ['gpt-sim'],
    });
    const refused = await call('POST', `/api/admin/providers/${wrongKey}/test`);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ ok: false, models: [], errorCode: 'upstream_error' });
    expect(refused.json<{ error: string }>().error).toContain('401');
    const unreachable = await call('POST', `/api/admin/providers/${down}/test`);
    expect(unreachable.statusCode).toBe(200);
    expect(unreachable.json()).toMatchObject({
      ok: false,
      models: [],
      errorCode: 'upstream_unavailable',
    });
  });
});
