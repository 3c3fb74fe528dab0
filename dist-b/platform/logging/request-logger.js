import pino, {} from 'pino';
const { serializersSym } = pino.symbols;
/**
 * A logger whose pino child is built only when it first logs. Fastify gives every request a
 * child logger bound to its request id; most requests never log anything but their access
 * line, yet a pino child is built eagerly (bindings serialised, level methods rebuilt), a
 * measurable share of a small request.
 */
class DeferredLogger {
    #parent;
    #bindings;
    #options;
    #resolved;
    constructor(parent, bindings, options) {
        this.#parent = parent;
        this.#bindings = bindings;
        this.#options = options;
    }
    get #logger() {
        this.#resolved ??= this.#bindings
            ? this.#parent.child(this.#bindings, this.#options)
            : this.#parent;
        return this.#resolved;
    }
    #log(level, args) {
        const logger = this.#logger;
        Reflect.apply(logger[level], logger, args);
    }
    /**
     * Fastify reads the serializers of the logger it is given through this pino symbol and
     * passes them on to its own child; without it, Fastify's serializers would replace ours.
     */
    get [serializersSym]() {
        return this.#logger[serializersSym];
    }
    get level() {
        return this.#resolved?.level ?? this.#options.level ?? this.#parent.level;
    }
    set level(level) {
        this.#logger.level = level;
    }
    fatal(...args) {
        this.#log('fatal', args);
    }
    error(...args) {
        this.#log('error', args);
    }
    warn(...args) {
        this.#log('warn', args);
    }
    info(...args) {
        this.#log('info', args);
    }
    debug(...args) {
        this.#log('debug', args);
    }
    trace(...args) {
        this.#log('trace', args);
    }
    silent(...args) {
        this.#log('silent', args);
    }
    child(bindings, options = {}) {
        return new DeferredLogger(this.#logger, bindings, options);
    }
}
/**
 * The logger to hand Fastify: it logs through `logger`, and the per-request children it makes
 * cost nothing until a request logs. (Fastify's `childLoggerFactory` option would do the same,
 * but Fastify then re-validates every child it gets, on every request.)
 */
export function withDeferredRequestLoggers(logger) {
    return new DeferredLogger(logger, null, {});
}
//# sourceMappingURL=request-logger.js.map