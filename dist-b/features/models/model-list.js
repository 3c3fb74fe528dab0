/**
 * Merges the providers' model lists in the order given. A model's id is its name; when an
 * earlier provider already holds that name, the later one's id is `<providerId>/<name>`.
 */
export function mergeModelLists(lists) {
    const taken = new Set();
    const models = [];
    for (const { provider, names } of lists) {
        for (const name of new Set(names ?? [])) {
            const id = taken.has(name) ? `${provider}/${name}` : name;
            if (taken.has(id))
                continue;
            taken.add(id);
            models.push({ id, provider, name });
        }
    }
    return models;
}
/**
 * The merged model list, cached for `cacheMs`. Concurrent readers share one listing; a listing
 * started before `forget()` is not cached. Each provider's last good list is kept, so a model
 * can still be routed to a provider that is briefly unreachable (and fail there as unavailable).
 */
export class ModelCatalog {
    cacheMs;
    cached = null;
    pending = null;
    generation = 0;
    lastKnown = new Map();
    constructor(cacheMs) {
        this.cacheMs = cacheMs;
    }
    /** The current snapshot, listing the providers again when the cache has expired. */
    snapshot(list) {
        if (this.cached && Date.now() - this.cached.at < this.cacheMs) {
            return Promise.resolve(this.cached.snapshot);
        }
        if (this.pending)
            return this.pending;
        const generation = this.generation;
        const pending = list()
            .then((lists) => {
            const current = generation === this.generation;
            if (current) {
                for (const { provider, names } of lists)
                    if (names)
                        this.lastKnown.set(provider, names);
            }
            const snapshot = {
                models: mergeModelLists(lists),
                unlisted: lists.filter((entry) => entry.names === null).map((entry) => entry.provider),
            };
            if (current)
                this.cached = { at: Date.now(), snapshot };
            return snapshot;
        })
            .finally(() => {
            if (this.pending === pending)
                this.pending = null;
        });
        this.pending = pending;
        return pending;
    }
    /** The names a provider listed last time it answered. */
    knownNames(provider) {
        return this.lastKnown.get(provider) ?? [];
    }
    /** Drops everything cached (the providers changed). */
    forget() {
        this.generation++;
        this.cached = null;
        this.pending = null;
        this.lastKnown.clear();
    }
}
//# sourceMappingURL=model-list.js.map