import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { EventHub } from '../../../platform/events/event-hub.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { INTERRUPTED, about, type GenerationEvent } from './generation-events.js';

const ALIVE_FOR_MS = 15_000;
const HEARTBEAT_MS = 5_000;
const SWEEP_MS = 30_000;
/**
 * A runner found without a key is taken for gone only if it is still without one this long
 * after: two heartbeats, so that one whose key Redis lost (a restart, a flush, an eviction) has
 * written it again.
 */
const CONFIRM_GONE_AFTER_MS = 2 * HEARTBEAT_MS;

/**
 * Knows which server instances are alive (each keeps a short-lived key in Redis), and turns
 * the generations of instances that are not — those left `queued` or `streaming` by a crash —
 * into `interrupted`. Without Redis there is one instance, so at start every leftover is
 * from a process that is gone.
 */
export class RunnerRegistry {
  readonly #timers: NodeJS.Timeout[] = [];
  /** Runners with generations whose key was missing, and since when it has been. */
  readonly #missingSince = new Map<string, number>();
  #confirmation: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly redis: Redis | null,
    private readonly prefix: string,
    private readonly instanceId: string,
    private readonly hub: EventHub<GenerationEvent>,
    private readonly logger: Logger,
  ) {}

  static async open(options: {
    db: Kysely<Database>;
    redis: Redis | null;
    prefix: string;
    instanceId: string;
    hub: EventHub<GenerationEvent>;
    logger: Logger;
  }): Promise<RunnerRegistry> {
    const registry = new RunnerRegistry(
      options.db,
      options.redis,
      options.prefix,
      options.instanceId,
      options.hub,
      options.logger,
    );
    await registry.#beat();
    await registry.sweep();
    if (options.redis) {
      registry.#every(HEARTBEAT_MS, () => registry.#beat());
      registry.#every(SWEEP_MS, () => registry.sweep());
    }
    return registry;
  }

  /** Marks generations of instances that are not alive as interrupted; returns how many. */
  async sweep(): Promise<number> {
    const alive = await this.#aliveInstances();
    const orphans = await this.db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'user_id', 'runner_id'])
      .where('status', 'in', ['queued', 'streaming'])
      .execute();
    const gone = this.#gone(
      orphans.map((row) => row.runner_id).filter((id) => id !== null),
      alive,
    );
    const ids = orphans
      .filter((row) => row.runner_id === null || gone.has(row.runner_id))
      .map((row) => row.id);
    if (ids.length === 0) return 0;
    await this.db
      .updateTable('messages')
      .set({ status: 'interrupted', runner_id: null, updated_at: new Date().toISOString() })
      .where('id', 'in', ids)
      .where('status', 'in', ['queued', 'streaming'])
      .execute();
    this.logger.warn(
      { interrupted: ids.length },
      'generations left running by a stopped server are now interrupted',
    );
    for (const row of orphans.filter((orphan) => ids.includes(orphan.id))) {
      this.hub.publish({ ...about(row), ...INTERRUPTED });
    }
    return ids.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    clearTimeout(this.#confirmation);
    await this.redis?.del(this.#key(this.instanceId)).catch(() => undefined);
  }

  #every(ms: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => this.#runLogged(task), ms);
    timer.unref();
    this.#timers.push(timer);
  }

  /**
   * Which of `runners` are gone. Without Redis, all but this instance. With it, those missing
   * from `alive` now and at a sweep at least CONFIRM_GONE_AFTER_MS ago; a sweep to confirm the
   * newly missing is due then.
   */
  #gone(runners: readonly string[], alive: ReadonlySet<string>): Set<string> {
    const missing = new Set(runners.filter((id) => !alive.has(id)));
    if (!this.redis) return missing;
    const now = Date.now();
    for (const id of this.#missingSince.keys()) if (!missing.has(id)) this.#missingSince.delete(id);
    const gone = new Set<string>();
    for (const id of missing) {
      const since = this.#missingSince.get(id) ?? now;
      this.#missingSince.set(id, since);
      if (now - since >= CONFIRM_GONE_AFTER_MS) gone.add(id);
    }
    if (gone.size < missing.size && this.#confirmation === undefined && !this.#closed) {
      // A timer may fire a little before Date.now() says its time is up: hence the margin.
      this.#confirmation = setTimeout(() => {
        this.#confirmation = undefined;
        this.#runLogged(() => this.sweep());
      }, CONFIRM_GONE_AFTER_MS + 100);
      this.#confirmation.unref();
    }
    return gone;
  }

  #runLogged(task: () => Promise<unknown>): void {
    if (this.#closed) return;
    task().catch((error: unknown) =>
      this.logger.warn({ reason: (error as Error).message }, 'generation registry task failed'),
    );
  }

  async #beat(): Promise<void> {
    await this.redis?.set(this.#key(this.instanceId), '1', 'PX', ALIVE_FOR_MS);
  }

  async #aliveInstances(): Promise<Set<string>> {
    const alive = new Set([this.instanceId]);
    if (!this.redis) return alive;
    const start = this.#key('').length;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.#key('*'), 'COUNT', 500);
      cursor = next;
      for (const key of keys) alive.add(key.slice(start));
    } while (cursor !== '0');
    return alive;
  }

  #key(instanceId: string): string {
    return `${this.prefix}:runners:${instanceId}`;
  }
}
