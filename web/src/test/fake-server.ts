import { vi } from 'vitest';

export interface FakeCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;

/** A `fetch` that answers from handlers by "METHOD /path", recording every call. */
export function fakeFetch(handlers: Record<string, Handler>) {
  const calls: FakeCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, path, headers: new Headers(init.headers), body };
    calls.push(call);
    const handler = handlers[`${method} ${path}`];
    if (!handler) return problem(404, 'not_found', `no fake for ${method} ${path}`);
    return handler(call);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  code: string,
  detail = code,
  headers: Record<string, string> = {},
) {
  return new Response(
    JSON.stringify({ type: `urn:enclave:problem:${code}`, title: code, status, detail, code }),
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}
