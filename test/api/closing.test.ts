import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

interface LateAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describe('while the server is closing', () => {
  it('a request that still arrives gets 503 service_unavailable as problem+json, with Connection: close', async () => {
    let late: LateAnswer | null = null;
    let url = '';
    const t = await createTestApp({
      configure: (app) => {
        // Registered after the platform's preClose hook, so it runs once the app is closing
        // but before the listener stops: exactly the window a late request can arrive in.
        app.addHook('preClose', async () => {
          const response = await fetch(`${url}/health/live`);
          late = {
            status: response.status,
            headers: response.headers,
            body: (await response.json()) as Record<string, unknown>,
          };
        });
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    await t.close();
    const answer = late as LateAnswer | null;
    expect(answer?.status).toBe(503);
    expect(answer?.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(answer?.headers.get('retry-after')).toBe('5');
    expect(answer?.headers.get('connection')).toBe('close');
    expect(answer?.body).toMatchObject({
      code: 'service_unavailable',
      requestId: answer?.headers.get('x-request-id'),
    });
  });
});
