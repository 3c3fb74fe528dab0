const ALIVE_FOR_MS = 15_000;
const HEARTBEAT_MS = 5_000;
const SWEEP_MS = 30_000;
/**
 * Knows which server instances are alive (each keeps a short-lived key in Redis), and turns
 * the generations of instances that are not — those left `queued` or `streaming` by a crash —
 * into `interrupted`. Without Redis there is one instance, so at start every leftover is
 * from a process that is gone.
 */
export class RunnerRegistry {
    db;
    redis;
    prefix;
    instanceId;
    hub;
    logger;
    #timers = [];
    constructor(db, redis, prefix, instanceId, hub, logger) {
        this.db = db;
        this.redis = redis;
        this.prefix = prefix;
        this.instanceId = instanceId;
        this.hub = hub;
        this.logger = logger;
    }
    static async open(options) {
        const registry = new RunnerRegistry(options.db, options.redis, options.prefix, options.instanceId, options.hub, options.logger);
        await registry.#beat();
        const interrupted = await registry.sweep();
        if (interrupted > 0) {
            options.logger.warn({ interrupted }, 'generations left running by a stopped server are now interrupted');
        }
        if (options.redis) {
            registry.#every(HEARTBEAT_MS, () => registry.#beat());
            registry.#every(SWEEP_MS, () => registry.sweep());
        }
        return registry;
    }
    /** Marks generations of instances that are not alive as interrupted; returns how many. */
    async sweep() {
        const alive = await this.#aliveInstances();
        const orphans = await this.db
            .selectFrom('messages')
            .select(['id', 'conversation_id', 'user_id', 'runner_id'])
            .where('status', 'in', ['queued', 'streaming'])
            .execute();
        const ids = orphans
            .filter((row) => row.runner_id === null || !alive.has(row.runner_id))
            .map((row) => row.id);
        if (ids.length === 0)
            return 0;
        await this.db
            .updateTable('messages')
            .set({ status: 'interrupted', runner_id: null, updated_at: new Date().toISOString() })
            .where('id', 'in', ids)
            .where('status', 'in', ['queued', 'streaming'])
            .execute();
        for (const row of orphans.filter((orphan) => ids.includes(orphan.id))) {
            this.hub.publish({
                topic: row.id,
                messageId: row.id,
                conversationId: row.conversation_id,
                userId: row.user_id,
                type: 'error',
                status: 'interrupted',
                code: 'interrupted',
                message: 'The server stopped while this answer was being generated.',
            });
        }
        return ids.length;
    }
    async close() {
        for (const timer of this.#timers)
            clearInterval(timer);
        await this.redis?.del(this.#key(this.instanceId)).catch(() => undefined);
    }
    #every(ms, task) {
        const timer = setInterval(() => {
            task().catch((error) => this.logger.warn({ reason: error.message }, 'generation registry task failed'));
        }, ms);
        timer.unref();
        this.#timers.push(timer);
    }
    async #beat() {
        await this.redis?.set(this.#key(this.instanceId), '1', 'PX', ALIVE_FOR_MS);
    }
    async #aliveInstances() {
        const alive = new Set([this.instanceId]);
        if (!this.redis)
            return alive;
        const start = this.#key('').length;
        let cursor = '0';
        do {
            const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.#key('*'), 'COUNT', 500);
            cursor = next;
            for (const key of keys)
                alive.add(key.slice(start));
        } while (cursor !== '0');
        return alive;
    }
    #key(instanceId) {
        return `${this.prefix}:runners:${instanceId}`;
    }
}
//# sourceMappingURL=runner-registry.js.map