import type { ModelInfo } from './upstream.types.js';

/** One provider's part of the model list: `names` is null when its listing failed. */
export interface ProviderModels {
  provider: string;
  names: string[] | null;
}

/** The merged list and which providers could not be listed. */
export interface ModelSnapshot {
  models: ModelInfo[];
  unlisted: string[];
}

/**
 * Merges the providers' model lists in the order given. A model's id is its name; when an
 * earlier provider already holds that name, the later one's id is `<providerId>/<name>`.
 */
export function mergeModelLists(lists: readonly ProviderModels[]): ModelInfo[] {
  const taken = new Set<string>();
  const models: ModelInfo[] = [];
  for (const { provider, names } of lists) {
    for (const name of new Set(names ?? [])) {
      const id = taken.has(name) ? `${provider}/${name}` : name;
      if (taken.has(id)) continue;
      taken.add(id);
      models.push({ id, provider, name });
    }
  }
  return models;
}

const PARTIAL_LIST_CACHE_MS = 1_000;

/**
 * The merged model list, cached for `cacheMs`. Concurrent readers share one listing; a listing
 * started before `forget()` is not cached. Each provider's last good list is kept, so a model
 * can still be routed to a provider that is briefly unreachable (and fail there as unavailable).
 * A listing in which a provider did not answer is kept for a second only: one slow answer would
 * otherwise hide that provider's models, and refuse sends that need a default model, for the
 * whole period. The second bounds how often the others are listed again while one is down (the
 * down one's circuit breaker bounds how often it is asked).
 */
export class ModelCatalog {
  private cached: { until: number; snapshot: ModelSnapshot } | null = null;
  private pending: Promise<ModelSnapshot> | null = null;
  private generation = 0;
  private readonly lastKnown = new Map<string, string[]>();

  constructor(private readonly cacheMs: number) {}

  /**
   * The current snapshot, listing the providers again when the cache has expired, or with
   * `needModels` when the cached one has no model because a provider did not answer.
   */
  snapshot(
    list: () => Promise<ProviderModels[]>,
    { needModels = false }: { needModels?: boolean } = {},
  ): Promise<ModelSnapshot> {
    const cached = this.cached;
    if (
      cached &&
      Date.now() < cached.until &&
      !(needModels && isEmptyForWantOfAnswer(cached.snapshot))
    ) {
      return Promise.resolve(cached.snapshot);
    }
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = list()
      .then((lists) => {
        const current = generation === this.generation;
        if (current) {
          for (const { provider, names } of lists) if (names) this.lastKnown.set(provider, names);
        }
        const snapshot: ModelSnapshot = {
          models: mergeModelLists(lists),
          unlisted: lists.filter((entry) => entry.names === null).map((entry) => entry.provider),
        };
        const keepMs =
          snapshot.unlisted.length === 0
            ? this.cacheMs
            : Math.min(PARTIAL_LIST_CACHE_MS, this.cacheMs);
        if (current) this.cached = { until: Date.now() + keepMs, snapshot };
        return snapshot;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = null;
      });
    this.pending = pending;
    return pending;
  }

  /** The names a provider listed last time it answered. */
  knownNames(provider: string): readonly string[] {
    return this.lastKnown.get(provider) ?? [];
  }

  /** Drops everything cached (the providers changed). */
  forget(): void {
    this.generation++;
    this.cached = null;
    this.pending = null;
    this.lastKnown.clear();
  }
}

function isEmptyForWantOfAnswer(snapshot: ModelSnapshot): boolean {
  return snapshot.models.length === 0 && snapshot.unlisted.length > 0;
}
