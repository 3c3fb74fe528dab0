import { createBreaker } from './circuit-breakers.js';
import { FairQueue } from './fair-queue.js';
import { openUpstreamConnection } from './upstream-client.js';
import { UpstreamError } from './upstream.types.js';
export const unavailable = (message) => new UpstreamError('upstream_unavailable', message);
/** The parts of a provider that need a new connection pool, client and breaker when changed. */
const connectionKey = (p) => JSON.stringify([p.kind, p.baseUrl, p.apiKey]);
/**
 * The enabled providers, each with its connection pool, client, circuit breaker and fair
 * queue, kept in line with the provider settings: read again when they are older than
 * `cacheMs` (so a change made on another instance arrives too) or when forced. A provider
 * whose connection settings changed gets a new pool; the old one closes once the calls still
 * streaming through it finish.
 */
export class ProviderRuntimes {
    options;
    /** Enabled providers by id, in merge order: environment first, then stored by creation. */
    runtimes = new Map();
    /** A queue per provider; it outlives changes to the provider's settings. */
    queues = new Map();
    #retired = new Set();
    #loadedAt = -Infinity;
    #loading = null;
    #loads = 0;
    #closed = false;
    constructor(options) {
        this.options = options;
    }
    get closed() {
        return this.#closed;
    }
    /** Reads the providers again when `force`d or when the last read is too old. */
    ensure(force = false) {
        if (this.#closed)
            return Promise.reject(unavailable('The model gateway is closed.'));
        if (!force && Date.now() - this.#loadedAt < this.options.cacheMs)
            return Promise.resolve();
        if (this.#loading && !force)
            return this.#loading;
        const seq = ++this.#loads;
        const load = this.options.load().then((providers) => {
            if (this.#closed)
                return;
            // A read that an admin change overtook must not put the old settings back: its
            // callers wait for the newer read instead.
            if (seq !== this.#loads)
                return this.#loading ?? undefined;
            this.#loadedAt = Date.now();
            if (this.#reconcile(providers))
                this.options.onChange();
        }, (error) => {
            // Keep serving with the providers we have; fail only if we never had any.
            this.options.logger.error({ err: error }, 'cannot read model providers');
            if (this.#loadedAt === -Infinity)
                throw error;
        });
        const tracked = load.finally(() => {
            if (this.#loading === tracked)
                this.#loading = null;
        });
        this.#loading = tracked;
        return tracked;
    }
    /** Refuses every queued call and closes every connection, hung calls included. */
    async close() {
        this.#closed = true;
        for (const queue of this.queues.values()) {
            queue.rejectAll(unavailable('The server is shutting down.'));
        }
        this.queues.clear();
        const connections = [...this.#retired];
        for (const runtime of this.runtimes.values()) {
            runtime.breaker.shutdown();
            connections.push(runtime.connection);
        }
        this.runtimes.clear();
        this.#retired.clear();
        // Destroy, not close: hung upstream requests must not hold the shutdown.
        await Promise.all(connections.map((connection) => connection.destroy()));
    }
    #retire(runtime) {
        runtime.breaker.shutdown();
        this.#retired.add(runtime.connection);
        // Calls still streaming through it finish first; then its sockets close.
        void runtime.connection.close().finally(() => this.#retired.delete(runtime.connection));
    }
    /** Brings the runtimes in line with the providers in force; true when they changed. */
    #reconcile(providers) {
        const { runtimes, queues } = this;
        let changed = false;
        const enabled = providers.filter((p) => p.enabled);
        const ids = new Set(enabled.map((p) => p.id));
        for (const [id, runtime] of runtimes) {
            if (ids.has(id))
                continue;
            runtimes.delete(id);
            this.#retire(runtime);
            queues.get(id)?.rejectAll(unavailable('The model provider was removed or disabled.'));
            queues.delete(id);
            changed = true;
        }
        const next = new Map();
        for (const provider of enabled) {
            const key = connectionKey(provider);
            const current = runtimes.get(provider.id);
            if (current && current.key === key) {
                current.provider = provider;
                next.set(provider.id, current);
            }
            else {
                if (current)
                    this.#retire(current);
                next.set(provider.id, {
                    provider,
                    key,
                    connection: openUpstreamConnection(provider, this.options.upstreams),
                    breaker: createBreaker(provider.id, this.options.breakerOptions, this.options.logger),
                    listFailing: false,
                    lastError: null,
                });
                changed = true;
            }
            const queue = queues.get(provider.id);
            if (queue)
                queue.setConcurrency(provider.concurrency);
            else
                queues.set(provider.id, new FairQueue(provider.concurrency));
        }
        changed ||= [...runtimes.keys()].join() !== [...next.keys()].join();
        runtimes.clear();
        for (const [id, runtime] of next)
            runtimes.set(id, runtime);
        return changed;
    }
}
//# sourceMappingURL=provider-runtimes.js.map