import { describe, expect, it } from 'vitest';
import { problem } from '../test/fake-server';
import { errorFromResponse, networkError, parseRetryAfter } from './api-error';

describe('errorFromResponse', () => {
  it('reads a problem+json answer into a typed ApiError', async () => {
    const response = new Response(
      JSON.stringify({
        type: 'urn:enclave:problem:validation_failed',
        title: 'The request is not valid',
        status: 400,
        detail: 'body/username must match pattern',
        code: 'validation_failed',
        requestId: 'req-1',
        errors: [{ path: '/username', message: 'must match pattern' }],
      }),
      { status: 400, headers: { 'content-type': 'application/problem+json' } },
    );
    const error = await errorFromResponse(response);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'body/username must match pattern',
      requestId: 'req-1',
      retryAfter: null,
      errors: [{ path: '/username', message: 'must match pattern' }],
    });
  });

  it('takes the wait from Retry-After on a 429', async () => {
    const error = await errorFromResponse(
      problem(429, 'rate_limited', 'Too many requests', { 'retry-after': '42' }),
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 42 });
  });

  it('falls back to the status when the body is not JSON (a proxy error page)', async () => {
    const error = await errorFromResponse(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'http_502', detail: 'Bad Gateway' });
  });

  it('uses the title when a problem has no detail', async () => {
    const response = new Response(JSON.stringify({ title: 'Not found', code: 'not_found' }), {
      status: 404,
    });
    expect(await errorFromResponse(response)).toMatchObject({ detail: 'Not found' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and refuses nonsense', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('networkError', () => {
  it('tells a cancelled request from an unreachable server', () => {
    expect(networkError(new TypeError('Failed to fetch')).code).toBe('network_error');
    expect(networkError(new DOMException('aborted', 'AbortError')).code).toBe('aborted');
  });
});
