import type { Agent } from 'undici';
import { ollamaUpstream } from './ollama-upstream.js';
import { openaiUpstream } from './openai-upstream.js';
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

/** The client for a provider's kind, using `agent` for its connections. */
export function createUpstreamClient(
  target: UpstreamTarget,
  agent: Agent,
  totalTimeoutMs: number,
): UpstreamClient {
  switch (target.kind) {
    case 'ollama':
      return ollamaUpstream(target, agent);
    case 'openai':
      return openaiUpstream(target, agent, totalTimeoutMs);
  }
}
