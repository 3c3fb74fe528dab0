import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, dialect } from '../support/test-env.js';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('/health/live answers 200 ok', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/health/ready lists each dependency with its status and latency', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      status: string;
      checks: Record<string, { status: string; latencyMs: number }>;
    }>();
    expect(body.status).toBe('ok');
    const expected = ['database', 'eventLoop', ...(TEST_REDIS_URL ? ['redis'] : [])];
    expect(Object.keys(body.checks).sort()).toEqual(expected.sort());
    for (const check of Object.values(body.checks)) {
      expect(check.status).toBe('ok');
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it(`/health/ready fails when the ${dialect} database is gone`, async () => {
    const own = await createTestApp({ redis: false });
    await own.database.close();
    const response = await own.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'fail',
      checks: { database: { status: 'fail' } },
    });
    await own.app.close();
  });
});

/** Points the app at a proxy to the real server, then cuts and restores the proxy. */
describe('readiness follows a dependency that stops answering and comes back', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function readyStatus(t: TestApp) {
    const response = await t.app.inject({ method: 'GET', url: '/health/ready' });
    return {
      code: response.statusCode,
      body: response.json<{ checks: Record<string, { status: string }> }>(),
    };
  }

  it.runIf(TEST_DATABASE_URL)(
    'PostgreSQL behind a cut connection (needs TEST_DATABASE_URL)',
    async () => {
      const probe = await createTestApp({ redis: false });
      cleanups.push(() => probe.close());
      const target = new URL(
        probe.config.database.kind === 'postgres' ? probe.config.database.url : '',
      );
      const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
      cleanups.push(() => proxy.cut());
      target.host = `127.0.0.1:${proxy.port}`;
      const t = await createTestApp({ redis: false, env: { DATABASE_URL: target.toString() } });
      cleanups.push(async () => {
        await t.app.close();
        await t.database.close().catch(() => undefined);
      });

      expect((await readyStatus(t)).code).toBe(200);
      await proxy.cut();
      const down = await readyStatus(t);
      expect(down.code).toBe(503);
      expect(down.body.checks.database?.status).toBe('fail');
      await proxy.restore();
      await expect.poll(async () => (await readyStatus(t)).code, { timeout: 10_000 }).toBe(200);
    },
  );

  it.runIf(TEST_REDIS_URL)('Redis behind a cut connection (needs TEST_REDIS_URL)', async () => {
    const target = new URL(TEST_REDIS_URL ?? '');
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
    cleanups.push(() => proxy.cut());
    target.host = `127.0.0.1:${proxy.port}`;
    const t = await createTestApp({ env: { REDIS_URL: target.toString() } });
    cleanups.push(() => t.close());

    expect((await readyStatus(t)).code).toBe(200);
    await proxy.cut();
    const down = await readyStatus(t);
    expect(down.code).toBe(503);
    expect(down.body.checks.redis?.status).toBe('fail');
    expect(down.body.checks.database?.status).toBe('ok');
    // A Redis outage must not take the API down with it: the rate limit fails open.
    expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    await proxy.restore();
    await expect.poll(async () => (await readyStatus(t)).code, { timeout: 10_000 }).toBe(200);
  });
});
