/** One turn of a conversation as sent to a model. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Token counts as the upstream reported them. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** A model as offered to clients: `id` is what they send back to choose it. */
export interface ModelInfo {
  id: string;
  /** The provider's id (`ollama` and `openai` for those from the environment). */
  provider: string;
  /** The model's name at its upstream. */
  name: string;
}

export const UPSTREAM_ERROR_CODES = [
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_error',
] as const;
export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

/** An upstream call that failed for good (after any retries); `message` is safe to show. */
export class UpstreamError extends Error {
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

/** Sampling options passed through to the upstream when a client sets them. */
export interface SamplingOptions {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
}

export interface ChatStreamRequest {
  /** A model id as listed by `listModels`. */
  model: string;
  messages: ChatTurn[];
  /** Whose turn it is in the fair queue. */
  userId: string;
  /** Aborting cancels the call, also while it waits in the queue. */
  signal: AbortSignal;
  /** Called while the call waits for an upstream slot, with its 1-based place, on each change. */
  onQueued?: (position: number) => void;
  /** Called once when the call leaves the queue and is sent upstream. */
  onStarted?: () => void;
  options?: SamplingOptions;
}

export type ChatStreamEvent =
  { type: 'delta'; text: string } | { type: 'done'; usage: TokenUsage | null };

export interface EmbedRequest {
  model: string;
  input: string[];
  userId: string;
  signal: AbortSignal;
}

/** One enabled provider as the status page sees it, after a fresh, bounded model listing. */
export interface ProviderStatus {
  id: string;
  name: string;
  kind: 'ollama' | 'openai';
  /** The base URL without user, password or query (never a credential). */
  baseUrl: string;
  /** The circuit breaker after the listing: closed, open (calls refused), or half-open (probing). */
  breaker: 'closed' | 'open' | 'halfOpen';
  /** Number of models it listed; null when it did not answer (or its circuit is open). */
  models: number | null;
  /** How long the listing took; null when it was not tried (circuit open). */
  latencyMs: number | null;
  /** The code of its most recent failure (listing or call) and when it happened; null if none. */
  lastErrorCode: UpstreamErrorCode | null;
  lastErrorAt: string | null;
}

/**
 * Everything the rest of Enclave needs from model upstreams. Calls are queued fairly per
 * upstream, bounded by timeouts, retried before the first token and guarded by a circuit
 * breaker per provider; failures surface as `UpstreamError`.
 */
export interface ModelGateway {
  /** Models of every enabled provider, merged, cached briefly; an unreachable one is left out. */
  listModels(): Promise<ModelInfo[]>;
  /**
   * The model to use when none was chosen: the first listed, else the first that a provider
   * which cannot be reached now listed when it last answered; null when no upstream offers
   * one. Throws `upstream_unavailable` when none is known and a provider could not be asked.
   */
  firstModel(): Promise<string | null>;
  /**
   * Streams a chat reply: `delta` events, then one `done`. Throws `UpstreamError` on failure,
   * or `unknown_model` as an AppError before anything is queued. When `signal` aborts, the
   * iteration ends early (it may throw the abort reason); callers check `signal.aborted`.
   */
  streamChat(request: ChatStreamRequest): AsyncIterable<ChatStreamEvent>;
  embed(request: EmbedRequest): Promise<{ embeddings: number[][]; usage: TokenUsage | null }>;
  /**
   * Every enabled provider's reachability and breaker state, each asked for its models afresh
   * (through its breaker, at most the listing timeout, 2 s by default). Concurrent callers share
   * one round of listings; the merged model list's cache is neither used nor changed.
   */
  providerStatus(): Promise<ProviderStatus[]>;
  /** Forgets cached model lists and provider settings (after an admin change). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
