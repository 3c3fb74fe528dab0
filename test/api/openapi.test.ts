import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { REPO_ROOT } from '../support/child-process.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.close()));
});

async function app(env: Record<string, string> = {}, webRoot?: string) {
  const t = await createTestApp({ env, webRoot });
  apps.push(t);
  return t;
}

describe('API documentation', () => {
  it('serves OpenAPI 3.1 generated from the route schemas in development', async () => {
    const t = await app();
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/health/ready']).toBeDefined();
    expect(spec.paths['/health/live']).toBeDefined();
    expect(spec.paths['/metrics']).toBeUndefined();
  });

  it('serves the docs UI with its scripts from the same origin', async () => {
    const t = await app();
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger-ui-bundle.js');
    expect(response.body).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('in production: the spec for admins only, no docs UI', async () => {
    const t = await app({ NODE_ENV: 'production' });
    const { setUpAdmin, addUser, bearer } = await import('../support/accounts.js');
    const admin = await setUpAdmin(t);
    const user = await addUser(t, 'docs-reader');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(anonymous.statusCode).toBe(401);
    const asUser = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: bearer(user.accessToken),
    });
    expect(asUser.statusCode).toBe(403);
    const asAdmin = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: bearer(admin.accessToken),
    });
    expect(asAdmin.statusCode).toBe(200);
    expect(
      asAdmin.json<{ paths: Record<string, unknown> }>().paths['/api/auth/login'],
    ).toBeDefined();
    for (const url of ['/api/docs/', '/api/docs']) {
      const response = await t.app.inject({
        method: 'GET',
        url,
        headers: bearer(admin.accessToken),
      });
      expect(response.statusCode, url).toBe(404);
    }
  });
});

describe('web UI', () => {
  it('serves the page at / from the web root, without inline scripts', async () => {
    const t = await app({}, path.join(REPO_ROOT, 'web'));
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>Enclave</title>');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
