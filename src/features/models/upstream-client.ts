import type { Agent } from 'undici';
import type { ChatStreamEvent, ChatTurn, SamplingOptions, TokenUsage } from './upstream.types.js';

export type ProviderKind = 'ollama' | 'openai';

/** Where and how to reach one upstream. */
export interface UpstreamTarget {
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
}

/**
 * One upstream's protocol, without any resilience: each call is cancelled by its signal, and
 * `streamChat` resolves once the upstream accepted the request (errors before that reject).
 */
export interface UpstreamClient {
  listModels(signal: AbortSignal): Promise<string[]>;
  streamChat(
    request: { model: string; messages: ChatTurn[]; options?: SamplingOptions },
    signal: AbortSignal,
  ): Promise<AsyncIterable<ChatStreamEvent>>;
  embed(
    request: { model: string; input: string[] },
    signal: AbortSignal,
  ): Promise<{ embeddings: number[][]; usage: TokenUsage | null }>;
}

/** A provider's client with its connection pool. */
export interface UpstreamConnection {
  client: UpstreamClient;
  /** Lets calls in flight finish, then closes the pool's sockets. */
  close(): Promise<void>;
  /** Closes the pool's sockets now, cutting calls in flight. */
  destroy(): Promise<void>;
}

/**
 * The client for a provider's kind over a pool of its own (connect timeout `connectTimeoutMs`).
 * The HTTP stack and the official client (undici, `openai` or `ollama`: about 40 MiB and
 * 150 ms together) load on the first call, so an instance that has not chatted yet pays
 * nothing for them at start.
 */
export function openUpstreamConnection(
  target: UpstreamTarget,
  limits: { connectTimeoutMs: number; totalTimeoutMs: number },
): UpstreamConnection {
  let loaded: Promise<{ agent: Agent; client: UpstreamClient }> | undefined;
  const load = () =>
    (loaded ??= (async () => {
      const { createUpstreamAgent } = await import('./upstream-http.js');
      const agent = createUpstreamAgent(limits.connectTimeoutMs);
      switch (target.kind) {
        case 'ollama': {
          const { ollamaUpstream } = await import('./ollama-upstream.js');
          return { agent, client: ollamaUpstream(target, agent) };
        }
        case 'openai': {
          const { openaiUpstream } = await import('./openai-upstream.js');
          return { agent, client: openaiUpstream(target, agent, limits.totalTimeoutMs) };
        }
      }
    })());
  const whenLoaded = async (use: (agent: Agent) => Promise<void>) => {
    if (loaded) await use((await loaded).agent).catch(() => undefined);
  };
  return {
    client: {
      listModels: async (signal) => (await load()).client.listModels(signal),
      streamChat: async (request, signal) => (await load()).client.streamChat(request, signal),
      embed: async (request, signal) => (await load()).client.embed(request, signal),
    },
    close: () => whenLoaded((agent) => agent.close()),
    destroy: () => whenLoaded((agent) => agent.destroy()),
  };
}
