import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL, randomSuffix } from '../support/test-env.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.close()));
});

async function limitedApp(options: { redis: boolean; redisPrefix?: string }) {
  const t = await createTestApp({
    env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' },
    redis: options.redis,
    redisPrefix: options.redisPrefix,
  });
  apps.push(t);
  return t;
}

const hit = (t: TestApp, remoteAddress = '198.51.100.7') =>
  t.app.inject({ method: 'GET', url: '/api/openapi.json', remoteAddress });

function expectRateLimited(response: Awaited<ReturnType<typeof hit>>) {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers['ratelimit-limit']).toBe('3');
  expect(response.headers['ratelimit-remaining']).toBe('0');
  expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

async function expectLimitAfterThree(t: TestApp) {
  for (let i = 0; i < 3; i += 1) {
    const response = await hit(t);
    expect(response.statusCode).toBe(200);
    expect(response.headers['ratelimit-remaining']).toBe(String(2 - i));
  }
  expectRateLimited(await hit(t));
}

describe('global rate limit per client address (in-memory store)', () => {
  it('answers 429 rate_limited with Retry-After and RateLimit-* headers past the limit', async () => {
    const t = await limitedApp({ redis: false });
    await expectLimitAfterThree(t);
  });

  it('counts each address separately', async () => {
    const t = await limitedApp({ redis: false });
    await expectLimitAfterThree(t);
    expect((await hit(t, '198.51.100.8')).statusCode).toBe(200);
  });

  it('counts unknown routes too, so scanning for URLs is throttled', async () => {
    const t = await limitedApp({ redis: false });
    const scan = (n: number) =>
      t.app.inject({ method: 'GET', url: `/admin-${n}.php`, remoteAddress: '198.51.100.9' });
    for (let i = 0; i < 3; i += 1) expect((await scan(i)).statusCode).toBe(404);
    const limited = await scan(3);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('never limits health checks, so a load balancer always gets an answer', async () => {
    const t = await limitedApp({ redis: false });
    for (let i = 0; i < 6; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/health/live',
        remoteAddress: '198.51.100.7',
      });
      expect(response.statusCode).toBe(200);
    }
  });
});

describe.runIf(TEST_REDIS_URL)('global rate limit in Redis (needs TEST_REDIS_URL)', () => {
  it('answers 429 with the same headers from the Redis store', async () => {
    const t = await limitedApp({ redis: true });
    expect(t.redis).not.toBeNull();
    await expectLimitAfterThree(t);
  });

  it('shares one count across instances', async () => {
    const prefix = `enclave-test-${randomSuffix()}`;
    const a = await limitedApp({ redis: true, redisPrefix: prefix });
    const b = await limitedApp({ redis: true, redisPrefix: prefix });
    expect((await hit(a)).statusCode).toBe(200);
    expect((await hit(b)).statusCode).toBe(200);
    expect((await hit(a)).statusCode).toBe(200);
    expectRateLimited(await hit(b));
  });
});
