import type { FastifyBaseLogger } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions } from 'pino';

const { serializersSym } = pino.symbols;

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * A logger whose pino child is built only when it first logs. Fastify gives every request a
 * child logger bound to its request id; most requests never log anything but their access
 * line, yet a pino child is built eagerly (bindings serialised, level methods rebuilt), a
 * measurable share of a small request.
 */
class DeferredLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings | null;
  readonly #options: ChildLoggerOptions;
  #resolved: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings | null, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get #logger(): FastifyBaseLogger {
    this.#resolved ??= this.#bindings
      ? this.#parent.child(this.#bindings, this.#options)
      : this.#parent;
    return this.#resolved;
  }

  #log(level: LevelName, args: unknown[]): void {
    const logger = this.#logger;
    Reflect.apply(logger[level], logger, args);
  }

  /**
   * Fastify reads the serializers of the logger it is given through this pino symbol and
   * passes them on to its own child; without it, Fastify's serializers would replace ours.
   */
  get [serializersSym](): unknown {
    return (this.#logger as FastifyBaseLogger & { [serializersSym]?: unknown })[serializersSym];
  }

  get level(): string {
    return this.#resolved?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#logger.level = level;
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
  silent(...args: unknown[]): void {
    this.#log('silent', args);
  }
  child(bindings: Bindings, options: ChildLoggerOptions = {}): FastifyBaseLogger {
    return new DeferredLogger(this.#logger, bindings, options);
  }
}

/**
 * The logger to hand Fastify: it logs through `logger`, and the per-request children it makes
 * cost nothing until a request logs. (Fastify's `childLoggerFactory` option would do the same,
 * but Fastify then re-validates every child it gets, on every request.)
 */
export function withDeferredRequestLoggers(logger: FastifyBaseLogger): FastifyBaseLogger {
  return new DeferredLogger(logger, null, {});
}
