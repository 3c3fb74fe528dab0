import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Secrets } from '../../config/secrets.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/logging/logger.js';
import {
  AttemptFailure,
  DEFAULT_BREAKER_OPTIONS,
  breakerState,
  isOpen,
  recordFault,
  throughBreaker,
  type BreakerOptions,
} from './circuit-breakers.js';
import { ModelCatalog, type ModelSnapshot, type ProviderModels } from './model-list.js';
import { ProviderRuntimes, unavailable, type Runtime } from './provider-runtimes.js';
import { loadProviders } from './providers.js';
import {
  resilientRequest,
  resilientStream,
  untilAborted,
  type CallLimits,
} from './resilient-call.js';
import type { Failure } from './upstream-failure.js';
import { classifyFailure, UpstreamTimeout } from './upstream-failure.js';
import {
  type ChatStreamEvent,
  type ChatStreamRequest,
  type EmbedRequest,
  type ModelGateway,
  type ModelInfo,
  type ProviderStatus,
  type UpstreamErrorCode,
} from './upstream.types.js';

export interface ModelGatewayDeps {
  db: Kysely<Database>;
  config: Config;
  secrets: Secrets;
  logger: Logger;
  /** Circuit breaker tuning (tests shorten the reset timeout); production defaults otherwise. */
  breaker?: Partial<BreakerOptions>;
  /** Backoff between retries: between half and all of min(maxMs, baseMs * 2^attempt). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** How long the merged model list is kept (default 10 s). */
  modelCacheMs?: number;
  /** How long one provider's model listing may take before it is left out (default 2 s). */
  listTimeoutMs?: number;
  /** How long provider settings are kept before they are read again (default 10 s), so a
   * change made on another instance arrives here too. */
  providerCacheMs?: number;
}

/**
 * The model gateway: providers from the environment and the database, a merged and briefly
 * cached model list, and calls that wait in a fair queue per provider, run under timeouts and
 * retries (resilient-call.ts) and are guarded by a circuit breaker per provider.
 */
export function createModelGateway(deps: ModelGatewayDeps): ModelGateway {
  const { config, logger } = deps;
  const upstreams = config.upstreams;
  const breakerOptions: BreakerOptions = { ...DEFAULT_BREAKER_OPTIONS, ...deps.breaker };
  const limits: CallLimits = {
    firstTokenTimeoutMs: upstreams.firstTokenTimeoutMs,
    idleTimeoutMs: upstreams.idleTimeoutMs,
    totalTimeoutMs: upstreams.totalTimeoutMs,
    retries: upstreams.retries,
    backoffBaseMs: deps.backoff?.baseMs ?? 250,
    backoffMaxMs: deps.backoff?.maxMs ?? 4_000,
  };
  const listTimeoutMs = deps.listTimeoutMs ?? upstreams.listTimeoutMs;
  const catalog = new ModelCatalog(deps.modelCacheMs ?? 10_000);

  const providers = new ProviderRuntimes({
    load: () => loadProviders(deps),
    upstreams,
    breakerOptions,
    logger,
    cacheMs: deps.providerCacheMs ?? 10_000,
    onChange: () => catalog.forget(),
  });
  const { runtimes, queues } = providers;
  let statusRound: Promise<ProviderStatus[]> | null = null;

  /** One provider's names, or null when it is unreachable, failing or its circuit is open. */
  async function listProvider(runtime: Runtime): Promise<string[] | null> {
    if (isOpen(runtime.breaker)) return null;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new UpstreamTimeout('first_token')),
      listTimeoutMs,
    );
    try {
      const names = await throughBreaker(runtime.breaker, async () => {
        try {
          return await untilAborted(
            runtime.connection.client.listModels(controller.signal),
            controller.signal,
          );
        } catch (error) {
          const cause: unknown = controller.signal.aborted ? controller.signal.reason : error;
          throw new AttemptFailure(classifyFailure(cause, false), cause);
        }
      });
      if (runtime.listFailing) {
        runtime.listFailing = false;
        logger.info({ provider: runtime.provider.id }, 'upstream lists its models again');
      }
      return names;
    } catch (error) {
      const failure = error instanceof AttemptFailure ? error.failure : null;
      noteError(runtime, failure?.code ?? 'upstream_unavailable');
      // Once per outage: the default Ollama may simply not be installed.
      if (!runtime.listFailing) {
        runtime.listFailing = true;
        logger.warn(
          { provider: runtime.provider.id, reason: reasonOf(error) },
          'upstream does not list its models; its models are left out',
        );
      }
      return null;
    } finally {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort();
    }
  }

  async function snapshot(options?: { needModels?: boolean }): Promise<ModelSnapshot> {
    await providers.ensure();
    return catalog.snapshot(async () => {
      const listed = [...runtimes.values()];
      const names = await Promise.all(listed.map(listProvider));
      return listed.map((runtime, i): ProviderModels => ({
        provider: runtime.provider.id,
        names: names[i] ?? null,
      }));
    }, options);
  }

  /**
   * Which provider serves a model id: an id from the list; `<providerId>/<name>`; or a name an
   * unlisted provider offered when it last answered. Unknown everywhere: `unknown_model`, unless
   * a provider could not be asked, which makes it `upstream_unavailable`.
   */
  async function resolve(id: string): Promise<{ runtime: Runtime; name: string }> {
    const { models, unlisted } = await snapshot();
    const listed = models.find((model) => model.id === id);
    const pick = (providerId: string, name: string) => {
      const runtime = runtimes.get(providerId);
      if (!runtime) throw unavailable('The model provider was removed or disabled.');
      return { runtime, name };
    };
    if (listed) return pick(listed.provider, listed.name);
    const slash = id.indexOf('/');
    if (slash > 0) {
      const providerId = id.slice(0, slash);
      const name = id.slice(slash + 1);
      const offered =
        unlisted.includes(providerId) ||
        models.some((m) => m.provider === providerId && m.name === name);
      if (runtimes.has(providerId) && offered) return pick(providerId, name);
    }
    for (const providerId of unlisted) {
      if (catalog.knownNames(providerId).includes(id)) return pick(providerId, id);
    }
    if (unlisted.length > 0) {
      throw unavailable('The model upstream that may offer this model cannot be reached.');
    }
    throw new AppError('unknown_model', `No configured upstream offers the model "${id}".`);
  }

  function noteError(runtime: Runtime, code: UpstreamErrorCode): void {
    runtime.lastError = { code, at: new Date().toISOString() };
  }

  /** One provider's status, asking it for its models now (bounded by the listing timeout). */
  async function statusOf(runtime: Runtime): Promise<ProviderStatus> {
    const tried = !isOpen(runtime.breaker);
    const started = performance.now();
    const names = await listProvider(runtime);
    const { provider } = runtime;
    return {
      id: provider.id,
      name: provider.name,
      kind: provider.kind,
      baseUrl: withoutCredentials(provider.baseUrl),
      breaker: breakerState(runtime.breaker),
      models: names === null ? null : new Set(names).size,
      latencyMs: tried ? Math.round((performance.now() - started) * 10) / 10 : null,
      lastErrorCode: runtime.lastError?.code ?? null,
      lastErrorAt: runtime.lastError?.at ?? null,
    };
  }

  function logFailure(runtime: Runtime) {
    return (failure: Failure, error: unknown, attempt: number) => {
      noteError(runtime, failure.code);
      logger.warn(
        {
          provider: runtime.provider.id,
          code: failure.code,
          attempt: attempt + 1,
          retryable: failure.retryable,
          reason: reasonOf(error),
        },
        'upstream call failed',
      );
    };
  }

  /** Waits for a slot on the provider's queue; answers the runtime in force once it has one. */
  async function admit(
    target: { runtime: Runtime },
    ticket: Pick<ChatStreamRequest, 'userId' | 'signal' | 'onQueued'>,
  ): Promise<{ runtime: Runtime; release: () => void }> {
    const id = target.runtime.provider.id;
    if (isOpen(target.runtime.breaker)) {
      throw unavailable('The model upstream is failing; calls to it are paused for a moment.');
    }
    const queue = queues.get(id);
    if (!queue) throw unavailable('The model provider was removed or disabled.');
    const release = await queue.acquire(ticket);
    // Settings may have changed while it waited; the queue outlives such changes.
    const runtime = runtimes.get(id);
    if (!runtime || providers.closed) {
      release();
      throw unavailable('The model provider was removed or disabled.');
    }
    return { runtime, release };
  }

  return {
    async listModels(): Promise<ModelInfo[]> {
      return (await snapshot()).models;
    },

    async firstModel(): Promise<string | null> {
      // A send must not be refused for a listing that failed a moment ago: ask again.
      const { models, unlisted } = await snapshot({ needModels: true });
      if (models[0]) return models[0].id;
      for (const providerId of unlisted) {
        const [known] = catalog.knownNames(providerId);
        if (known !== undefined) return known;
      }
      if (unlisted.length > 0) {
        throw new AppError(
          'upstream_unavailable',
          'No model upstream can be reached to choose a model; try again.',
        );
      }
      return null;
    },

    async *streamChat(request: ChatStreamRequest): AsyncGenerator<ChatStreamEvent> {
      const target = await resolve(request.model);
      const { runtime, release } = await admit(target, request);
      try {
        request.onStarted?.();
        yield* resilientStream({
          open: (signal) =>
            runtime.connection.client.streamChat(
              { model: target.name, messages: request.messages, options: request.options },
              signal,
            ),
          guard: (attempt) => throughBreaker(runtime.breaker, attempt),
          recordFault: (failure) => recordFault(runtime.breaker, failure),
          limits,
          signal: request.signal,
          onFailure: logFailure(runtime),
        });
      } finally {
        release();
      }
    },

    async embed(request: EmbedRequest) {
      const target = await resolve(request.model);
      const { runtime, release } = await admit(target, request);
      try {
        return await resilientRequest({
          run: (signal) =>
            runtime.connection.client.embed({ model: target.name, input: request.input }, signal),
          guard: (attempt) => throughBreaker(runtime.breaker, attempt),
          recordFault: (failure) => recordFault(runtime.breaker, failure),
          limits,
          signal: request.signal,
          onFailure: logFailure(runtime),
        });
      } finally {
        release();
      }
    },

    providerStatus(): Promise<ProviderStatus[]> {
      statusRound ??= providers
        .ensure()
        .then(() => Promise.all([...runtimes.values()].map(statusOf)))
        .finally(() => {
          statusRound = null;
        });
      return statusRound;
    },

    async refresh(): Promise<void> {
      catalog.forget();
      await providers.ensure(true);
    },

    close: () => providers.close(),
  };
}

/** A base URL fit to show: no user, password, query or fragment. */
function withoutCredentials(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return '(not a valid URL)';
  }
}

function reasonOf(error: unknown): string {
  const original = error instanceof AttemptFailure ? error.original : error;
  if (original instanceof Error) {
    const cause = original.cause instanceof Error ? `: ${original.cause.message}` : '';
    return `${original.message}${cause}`;
  }
  return String(original);
}
