import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../src/features/status/status.schema.js';
import { VERSION } from '../../src/version.js';
import { addUser, bearer, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL, dialect } from '../support/test-env.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../support/upstream-simulator.js';

let sim: UpstreamSimulator;
let t: TestApp;
let admin: Signed;
beforeAll(async () => {
  sim = await startUpstreamSimulator();
  t = await createTestApp({ env: { OLLAMA_URL: sim.url } });
  admin = await setUpAdmin(t);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const status = (app: TestApp, token: string) =>
  app.app.inject({ method: 'GET', url: '/api/admin/status', headers: bearer(token) });

async function statusOf(app: TestApp, token: string): Promise<StatusResponse> {
  const response = await status(app, token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<StatusResponse>();
}

const check = (body: StatusResponse, name: string) => body.checks.find((c) => c.name === name);

describe(`GET /api/admin/status (${dialect})`, () => {
  it('gives an admin the database and a reachable upstream green, and the machine not red', async () => {
    const body = await statusOf(t, admin.accessToken);
    expect(body.checks.map((c) => c.name)).toEqual([
      'database',
      ...(TEST_REDIS_URL ? ['redis'] : []),
      'upstream:ollama',
      'disk',
      'memory',
      'eventLoop',
    ]);
    // Disk, memory and event loop describe the machine running the tests, which a busy or
    // small CI runner can push to amber; what this app controls must be green.
    const hostChecks = new Set(['disk', 'memory', 'eventLoop']);
    for (const c of body.checks) {
      const expected = hostChecks.has(c.name) ? ['green', 'amber'] : ['green'];
      expect(expected, `${c.name}: ${c.summary}`).toContain(c.status);
    }
    expect(['green', 'amber']).toContain(body.status);
    expect(body.version).toBe(VERSION);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body.checkedAt)).not.toBeNaN();
    expect(check(body, 'database')).toMatchObject({
      kind: 'database',
      details: { dialect, latencyMs: expect.any(Number) as number },
    });
    expect(check(body, 'upstream:ollama')).toMatchObject({
      kind: 'upstream',
      details: {
        providerId: 'ollama',
        providerName: 'Ollama',
        providerKind: 'ollama',
        baseUrl: sim.url,
        breaker: 'closed',
        models: 2,
        lastErrorCode: null,
      },
    });
    expect(check(body, 'disk')?.details).toMatchObject({
      path: t.dataDir,
      freeBytes: expect.any(Number) as number,
      totalBytes: expect.any(Number) as number,
    });
    expect(check(body, 'memory')?.details).toMatchObject({
      rssBytes: expect.any(Number) as number,
      heapUsedBytes: expect.any(Number) as number,
      systemFreeBytes: expect.any(Number) as number,
    });
    expect(check(body, 'eventLoop')?.details).toMatchObject({ amberAboveMs: 100 });
  });

  it('turns the upstream and the whole red when the upstream stops answering', async () => {
    await sim.refuseConnections();
    try {
      const body = await statusOf(t, admin.accessToken);
      expect(body.status).toBe('red');
      expect(check(body, 'upstream:ollama')).toMatchObject({
        status: 'red',
        details: { breaker: 'closed', models: null, lastErrorCode: 'upstream_unavailable' },
      });
      expect(check(body, 'database')?.status).toBe('green');
    } finally {
      await sim.resume();
    }
    const back = await statusOf(t, admin.accessToken);
    expect(check(back, 'upstream:ollama')).toMatchObject({
      status: 'green',
      details: { models: 2, lastErrorCode: 'upstream_unavailable' },
    });
  });

  it('refuses a user with 403', async () => {
    const user = await addUser(t, 'status-user');
    const response = await status(t, user.accessToken);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden' });
  });

  it('refuses an admin’s API key without the admin scope with 403', async () => {
    const keyOf = async (scopes: string[]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: bearer(admin.accessToken),
        payload: { name: `status ${scopes.join()}`, scopes },
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ key: string }>().key;
    };
    const chatOnly = await status(t, await keyOf(['chat']));
    expect(chatOnly.statusCode).toBe(403);
    expect(chatOnly.json()).toMatchObject({ code: 'insufficient_scope' });
    expect((await status(t, await keyOf(['admin']))).statusCode).toBe(200);
  });

  it('refuses an anonymous caller with 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/status' });
    expect(response.statusCode).toBe(401);
  });

  it('reports an open circuit breaker as red until it closes again', async () => {
    const down = await startUpstreamSimulator();
    const other = await createTestApp({ env: { OLLAMA_URL: down.url }, redis: false });
    try {
      const otherAdmin = await setUpAdmin(other);
      expect(check(await statusOf(other, otherAdmin.accessToken), 'redis')).toBeUndefined();
      await down.refuseConnections();
      // Each status check is a model listing through the breaker: four failures open it.
      let body = await statusOf(other, otherAdmin.accessToken);
      for (let i = 0; i < 4; i += 1) body = await statusOf(other, otherAdmin.accessToken);
      expect(check(body, 'upstream:ollama')).toMatchObject({
        status: 'red',
        details: { breaker: 'open', latencyMs: null, lastErrorCode: 'upstream_unavailable' },
      });
      expect(check(body, 'upstream:ollama')?.summary).toMatch(/circuit open/);
      // Back, but the circuit stays open for its reset timeout: still red, not asked.
      await down.resume();
      const requests = down.requests.length;
      body = await statusOf(other, otherAdmin.accessToken);
      expect(check(body, 'upstream:ollama')?.details).toMatchObject({ breaker: 'open' });
      expect(down.requests.length).toBe(requests);
    } finally {
      await other.close();
      await down.close();
    }
  });
});
