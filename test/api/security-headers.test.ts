import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/child-process.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ALLOWED = 'https://chat.example.com';

let t: TestApp;
/** An app that serves the web UI's page (from the sources: index.html only). */
let pages: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { CORS_ORIGINS: `${ALLOWED},http://localhost:5173`, TRUST_PROXY: '127.0.0.1' },
  });
  pages = await createTestApp({ webRoot: path.join(REPO_ROOT, 'web') });
});
afterAll(async () => {
  await Promise.all([t.close(), pages.close()]);
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(response: { headers: Record<string, unknown> }): Map<string, string> {
  const csp = String(response.headers['content-security-policy']);
  return new Map(
    csp
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

/** What a browser applies to scripts: script-src, or default-src in its absence. */
function scriptSources(policy: Map<string, string>): string | undefined {
  return policy.get('script-src') ?? policy.get('default-src');
}

describe('security headers', () => {
  it.each(['/health/live', '/api/missing', '/metrics'])(
    'are on every API response, with a policy that lets nothing run or load (%s)',
    async (url) => {
      const response = await t.app.inject({ method: 'GET', url });
      const policy = directives(response);
      expect(policy.get('default-src')).toBe("'none'");
      expect(scriptSources(policy)).toBe("'none'");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it.each(['/', '/chat/some-conversation', '/api/docs/'])(
    'on pages: scripts from the server only, no inline scripts, no framing (%s)',
    async (url) => {
      const response = await pages.app.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const policy = directives(response);
      expect(scriptSources(policy)).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it("leave the page headers to pages: an API path asked for HTML still gets the API's", async () => {
    const response = await pages.app.inject({
      method: 'GET',
      url: '/api/missing',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(directives(response).get('default-src')).toBe("'none'");
    expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('send no HSTS over plain HTTP', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('send HSTS when a trusted proxy says the request came over HTTPS', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  it('ignore X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers an origin on the allow-list with exactly that origin', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { origin: ALLOWED },
    });
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(response.headers.vary).toMatch(/Origin/i);
  });

  it.each([
    'https://evil.example.com',
    'https://chat.example.com.evil.net',
    'http://chat.example.com',
    'null',
  ])('never reflects an unlisted origin (%s)', async (origin) => {
    const simple = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/health/live',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from an allowed origin', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/health/live',
      headers: { origin: ALLOWED, 'access-control-request-method': 'PATCH' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(response.headers['access-control-allow-methods']).toContain('PATCH');
  });
});

describe('request ids', () => {
  it('generate one when the client sends none', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keep a sane id sent by the client or proxy', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/missing',
      headers: { 'x-request-id': 'proxy-req-12345' },
    });
    expect(response.headers['x-request-id']).toBe('proxy-req-12345');
    expect(response.json<{ requestId: string }>().requestId).toBe('proxy-req-12345');
  });

  it('replace an id that could forge log lines', async () => {
    const forged = 'abc"}\n{"level":"fatal","msg":"forged';
    const response = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': forged },
    });
    expect(response.headers['x-request-id']).not.toBe(forged);
    expect(t.logs.text).not.toContain('"msg":"forged');
  });
});
