/**
 * Publish/subscribe by topic. Listeners in this process get an event synchronously when it is
 * published; with Redis, it is also sent on one channel to every other instance, which hands it
 * to its own listeners. An instance ignores its own events coming back from Redis, so each
 * listener sees each event once, in the order it was published.
 */
export class EventHub {
    redis;
    channel;
    instanceId;
    logger;
    #listeners = new Map();
    #subscriber = null;
    constructor(redis, channel, instanceId, logger) {
        this.redis = redis;
        this.channel = channel;
        this.instanceId = instanceId;
        this.logger = logger;
    }
    static async open(options) {
        const hub = new EventHub(options.redis, options.channel, options.instanceId, options.logger);
        if (options.redis)
            await hub.#follow(options.redis);
        return hub;
    }
    publish(event) {
        this.#deliver(event);
        if (!this.redis)
            return;
        const envelope = `${this.instanceId}|${JSON.stringify(event)}`;
        this.redis.publish(this.channel, envelope).catch((error) => {
            this.logger.warn({ reason: error.message }, 'could not publish an event to Redis');
        });
    }
    /** Calls `listener` with every event on `topic` until the returned function is called. */
    subscribe(topic, listener) {
        let listeners = this.#listeners.get(topic);
        if (!listeners) {
            listeners = new Set();
            this.#listeners.set(topic, listeners);
        }
        listeners.add(listener);
        return () => {
            const current = this.#listeners.get(topic);
            if (!current)
                return;
            current.delete(listener);
            if (current.size === 0)
                this.#listeners.delete(topic);
        };
    }
    close() {
        this.#subscriber?.disconnect();
        this.#subscriber = null;
        this.#listeners.clear();
    }
    #deliver(event) {
        const listeners = this.#listeners.get(event.topic);
        if (!listeners)
            return;
        for (const listener of [...listeners]) {
            try {
                listener(event);
            }
            catch (error) {
                this.logger.error({ err: error }, 'an event listener failed');
            }
        }
    }
    async #follow(redis) {
        const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
        subscriber.on('error', (error) => this.logger.warn({ reason: error.message }, 'Redis event subscriber error'));
        subscriber.on('message', (_channel, message) => {
            const split = message.indexOf('|');
            if (split < 0 || message.slice(0, split) === this.instanceId)
                return;
            try {
                this.#deliver(JSON.parse(message.slice(split + 1)));
            }
            catch (error) {
                this.logger.warn({ reason: error.message }, 'unreadable event from Redis');
            }
        });
        this.#subscriber = subscriber;
        await subscriber.subscribe(this.channel);
    }
}
//# sourceMappingURL=event-hub.js.map