import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { bearer, createUser, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect, removeDir, tempDir } from '../support/test-env.js';

let t: TestApp;
const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});
async function start(env: Record<string, string> = {}): Promise<TestApp> {
  t = await createTestApp({ env });
  opened.push(t);
  return t;
}

const getSettings = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/admin/settings', headers: bearer(token) });
const patchSettings = (token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: '/api/admin/settings', headers: bearer(token), payload });

const DEFAULTS = {
  registrationOpen: { value: false, locked: false },
  instanceName: { value: 'Enclave', locked: false },
  defaultModel: { value: null, locked: false },
  language: { value: 'en', locked: false },
};

async function store(key: string, value: string): Promise<void> {
  await t.database.db.insertInto('settings').values({ key, value }).execute();
}

describe(`admin settings (${dialect})`, () => {
  let admin: Signed;

  it('reports the defaults, none locked', async () => {
    await start();
    admin = await setUpAdmin(t);
    const response = await getSettings(admin.accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(DEFAULTS);
  });

  it('changes settings, keeps them and audits what changed', async () => {
    await start();
    admin = await setUpAdmin(t);
    const changed = await patchSettings(admin.accessToken, {
      registrationOpen: true,
      instanceName: 'Team AI',
      defaultModel: 'llama3.1:8b',
      language: 'de',
    });
    expect(changed.statusCode).toBe(200);
    const expected = {
      registrationOpen: { value: true, locked: false },
      instanceName: { value: 'Team AI', locked: false },
      defaultModel: { value: 'llama3.1:8b', locked: false },
      language: { value: 'de', locked: false },
    };
    expect(changed.json()).toEqual(expected);
    expect((await getSettings(admin.accessToken)).json()).toEqual(expected);

    const cleared = await patchSettings(admin.accessToken, { defaultModel: null });
    expect(cleared.json()).toMatchObject({
      defaultModel: { value: null },
      instanceName: { value: 'Team AI' },
    });

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.update')
      .orderBy('id')
      .execute();
    expect(events.map((e) => JSON.parse(e.details) as unknown)).toEqual([
      {
        changed: {
          registrationOpen: true,
          instanceName: 'Team AI',
          defaultModel: 'llama3.1:8b',
          language: 'de',
        },
      },
      { changed: { defaultModel: null } },
    ]);
    expect(events[0]).toMatchObject({ actor_id: admin.userId, outcome: 'success' });
  });

  it('refuses unknown fields, wrong types and an empty change, and stores nothing', async () => {
    await start();
    admin = await setUpAdmin(t);
    for (const payload of [
      {},
      { registrationOpen: true, setupComplete: false },
      { language: 'fr' },
      { instanceName: '' },
      { instanceName: '   ' },
      { instanceName: 'x'.repeat(101) },
      { registrationOpen: 'sometimes' },
      { defaultModel: { name: 'x' } },
    ]) {
      const response = await patchSettings(admin.accessToken, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await getSettings(admin.accessToken)).json()).toEqual(DEFAULTS);
  });

  it('is for admins only', async () => {
    await start();
    admin = await setUpAdmin(t);
    const user = await createUser(t, admin, 'alice');
    expect((await getSettings(user.accessToken)).statusCode).toBe(403);
    const patch = await patchSettings(user.accessToken, { registrationOpen: true });
    expect(patch.statusCode).toBe(403);
    expect((await getSettings(admin.accessToken)).json()).toEqual(DEFAULTS);
  });

  it('reports settings fixed by the environment as locked and refuses to change them', async () => {
    await start({
      ENCLAVE_REGISTRATION_OPEN: 'true',
      ENCLAVE_INSTANCE_NAME: 'Acme AI',
      ENCLAVE_DEFAULT_MODEL: 'qwen2.5:7b',
      ENCLAVE_LANGUAGE: 'de',
    });
    admin = await setUpAdmin(t);
    // A stored value does not win over the environment.
    await store('instanceName', JSON.stringify('Stored name'));
    expect((await getSettings(admin.accessToken)).json()).toEqual({
      registrationOpen: { value: true, locked: true },
      instanceName: { value: 'Acme AI', locked: true },
      defaultModel: { value: 'qwen2.5:7b', locked: true },
      language: { value: 'de', locked: true },
    });
    for (const [payload, variable] of [
      [{ registrationOpen: false }, 'ENCLAVE_REGISTRATION_OPEN'],
      [{ instanceName: 'Other' }, 'ENCLAVE_INSTANCE_NAME'],
      [{ defaultModel: null }, 'ENCLAVE_DEFAULT_MODEL'],
      [{ language: 'en' }, 'ENCLAVE_LANGUAGE'],
    ] as const) {
      const response = await patchSettings(admin.accessToken, payload);
      expect(response.statusCode).toBe(409);
      expect(response.json<{ code: string; detail: string }>()).toMatchObject({ code: 'conflict' });
      expect(response.json<{ detail: string }>().detail).toContain(variable);
    }
  });

  it('changes nothing when one setting of a change is locked', async () => {
    await start({ ENCLAVE_LANGUAGE: 'de' });
    admin = await setUpAdmin(t);
    const response = await patchSettings(admin.accessToken, {
      instanceName: 'New',
      language: 'en',
    });
    expect(response.statusCode).toBe(409);
    expect((await getSettings(admin.accessToken)).json()).toEqual({
      ...DEFAULTS,
      language: { value: 'de', locked: true },
    });
    const allowed = await patchSettings(admin.accessToken, { instanceName: 'New' });
    expect(allowed.json()).toMatchObject({ instanceName: { value: 'New', locked: false } });
  });

  it('ignores a stored value that does not fit its setting', async () => {
    await start();
    admin = await setUpAdmin(t);
    await store('language', JSON.stringify('fr'));
    await store('registrationOpen', 'not json');
    expect((await getSettings(admin.accessToken)).json()).toEqual(DEFAULTS);
  });

  it('refuses bad ENCLAVE_* values at start, naming each', () => {
    const dir = tempDir();
    try {
      const bad = () =>
        loadConfig({ cwd: dir, env: { ENCLAVE_REGISTRATION_OPEN: 'yes', ENCLAVE_LANGUAGE: 'fr' } });
      expect(bad).toThrow(ConfigError);
      expect(bad).toThrow('ENCLAVE_REGISTRATION_OPEN must be one of true, false (got "yes")');
      expect(bad).toThrow('ENCLAVE_LANGUAGE must be one of en, de (got "fr")');
      expect(loadConfig({ cwd: dir, env: {} }).fixedSettings).toEqual({
        registrationOpen: null,
        instanceName: null,
        defaultModel: null,
        language: null,
      });
    } finally {
      removeDir(dir);
    }
  });
});
