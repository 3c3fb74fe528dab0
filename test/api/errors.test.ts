import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/http/errors.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const INTERNAL_DETAIL = 'connection to 10.1.2.3 failed: password authentication for db_admin';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { BODY_LIMIT_BYTES: '2048', RATE_LIMIT_MAX: '1000' },
    configure: (app) => {
      app.post(
        '/test/echo',
        {
          schema: {
            body: Type.Object(
              { name: Type.String({ minLength: 1, maxLength: 20 }), count: Type.Integer() },
              { additionalProperties: false },
            ),
          },
        },
        async (request) => request.body,
      );
      app.get('/test/crash', async () => {
        throw new Error(INTERNAL_DETAIL);
      });
      app.get('/test/conflict', async () => {
        throw new AppError('conflict', 'That name is taken.', { cause: new Error('unique index') });
      });
    },
  });
});
afterAll(() => t.close());

function expectProblem(
  response: Awaited<ReturnType<TestApp['app']['inject']>>,
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = response.json<Record<string, unknown>>();
  expect(body).toMatchObject({ status, code, type: `urn:enclave:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(response.headers['x-request-id']);
  expect(response.body).not.toMatch(/at .*\.(ts|js):\d+|stack|FST_/);
  return body;
}

describe('errors are problem+json with a stable code and the request id', () => {
  it('valid input passes through', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'a', count: 1 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'a', count: 1 });
  });

  it('schema violations: 400 validation_failed listing each field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: '' },
    });
    const body = expectProblem(response, 400, 'validation_failed');
    const paths = (body.errors as { path: string }[]).map((error) => error.path);
    expect(paths.sort()).toEqual(['body.count', 'body.name']);
  });

  it('unknown body fields are rejected, not silently dropped', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'a', count: 1, role: 'admin' },
    });
    const body = expectProblem(response, 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'body.role', message: 'is not allowed' }]);
  });

  it('malformed JSON: 400 malformed_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "a",',
    });
    expectProblem(response, 400, 'malformed_json');
  });

  it('an empty JSON body: 400 malformed_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(response, 400, 'malformed_json');
  });

  it('a content type the route cannot read: 415 unsupported_media_type', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name>a</name>',
    });
    expectProblem(response, 415, 'unsupported_media_type');
  });

  it('an oversized body: 413 payload_too_large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'a', count: 1, padding: 'x'.repeat(4096) },
    });
    expectProblem(response, 413, 'payload_too_large');
  });

  it('an unknown route: 404 not_found', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    const body = expectProblem(response, 404, 'not_found');
    expect(body.detail).toBe('No route for GET /api/nothing-here');
  });

  it('a catalog error keeps its code and public detail, never its cause', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/conflict' });
    const body = expectProblem(response, 409, 'conflict');
    expect(body.detail).toBe('That name is taken.');
    expect(response.body).not.toContain('unique index');
  });

  it('anything else: a bare 500 internal_error, with the cause in the log only', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/crash' });
    const body = expectProblem(response, 500, 'internal_error');
    expect(body.detail).toBe('Internal server error');
    expect(response.body).not.toContain('10.1.2.3');
    const logged = t.logs
      .entries()
      .find((entry) => entry.reqId === body.requestId && entry.level === 'error');
    expect(logged?.msg).toBe('unhandled error');
    expect(JSON.stringify(logged?.err)).toContain('10.1.2.3');
  });

  it('a bad request never loses stored data: the app still answers normally afterwards', async () => {
    await t.app.inject({ method: 'POST', url: '/test/echo', payload: 'garbage' });
    const response = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
  });
});
