import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { MAX_EVENT_LOOP_DELAY_MS: '100' },
    pressureSampleIntervalMs: 20,
  });
});
afterAll(() => t.close());

function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin: this is the lag under test
  }
}

const nextTimerTick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lags the loop, then sends the requests in the window before the next calm sample. */
async function underLag() {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    blockEventLoop(400);
    await nextTimerTick();
    const [api, live, ready] = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
      t.app.inject({ method: 'GET', url: '/health/live' }),
      t.app.inject({ method: 'GET', url: '/health/ready' }),
    ]);
    if (api.statusCode === 503) return { api, live, ready };
  }
  throw new Error('the lag was never detected');
}

describe('back-pressure', () => {
  it('answers 503 overloaded with Retry-After while the event loop lags, health stays truthful', async () => {
    const { api, live, ready } = await underLag();
    expect(api.headers['retry-after']).toBe('5');
    expect(api.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(api.json()).toMatchObject({ code: 'overloaded', status: 503 });
    expect(live.statusCode).toBe(200);
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'fail',
      checks: { database: { status: 'ok' }, eventLoop: { status: 'fail' } },
    });
  });

  it('serves again once the lag is gone', async () => {
    const status = async (url: string) => (await t.app.inject({ method: 'GET', url })).statusCode;
    await expect.poll(() => status('/api/openapi.json'), { timeout: 10_000 }).toBe(200);
    await expect.poll(() => status('/health/ready'), { timeout: 10_000 }).toBe(200);
  });
});

describe('back-pressure while starting', () => {
  it('does not count the work of starting up as lag: the first requests are served', async () => {
    const starting = await createTestApp({
      env: { MAX_EVENT_LOOP_DELAY_MS: '100' },
      pressureSampleIntervalMs: 200,
      // Start-up work that holds the loop for longer than the limit, as loading and compiling
      // do on a slow machine, followed by a turn of the loop.
      configure: async () => {
        blockEventLoop(1000);
        await nextTimerTick();
      },
    });
    try {
      const [api, ready] = await Promise.all([
        starting.app.inject({ method: 'GET', url: '/api/openapi.json' }),
        starting.app.inject({ method: 'GET', url: '/health/ready' }),
      ]);
      expect(api.statusCode).toBe(200);
      expect(ready.statusCode).toBe(200);
    } finally {
      await starting.close();
    }
  });
});
