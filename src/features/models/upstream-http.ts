import {
  Agent,
  fetch as undiciFetch,
  type RequestInfo as UndiciRequestInfo,
  type RequestInit as UndiciRequestInit,
} from 'undici';

/**
 * The connection pool of one provider. Only the connect timeout is undici's: header and body
 * timeouts are off, because the first-token, idle and overall limits are enforced per call.
 */
export function createUpstreamAgent(connectTimeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: connectTimeoutMs },
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 4_000,
  });
}

/**
 * A `fetch` for the upstream clients that goes through the provider's agent and is also
 * cancelled by `signal` (the ollama client offers no signal of its own for most calls).
 */
export function upstreamFetch(agent: Agent, signal?: AbortSignal): typeof fetch {
  const bound = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // The global fetch types come from the undici bundled with Node, a different version.
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => Boolean(s));
    const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return undiciFetch(input as unknown as UndiciRequestInfo, {
      ...(init as UndiciRequestInit | undefined),
      ...(merged ? { signal: merged } : {}),
      dispatcher: agent,
    });
  };
  return bound;
}
