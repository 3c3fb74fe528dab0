import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '../../config/config.js';
import { unavailableIfUnreachable } from './database-unavailable.js';

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

type TypeParser = (value: string) => unknown;

/** Timestamps come back as ISO 8601 UTC strings, as they do from SQLite; counts as numbers. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): TypeParser => {
    if (oid === TIMESTAMPTZ_OID) return (value) => new Date(value).toISOString();
    if (oid === INT8_OID) return (value) => Number(value);
    return pg.types.getTypeParser(oid, format) as TypeParser;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPostgresPool(config: PostgresConfig, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    statement_timeout: config.statementTimeoutMs,
    idle_in_transaction_session_timeout: config.statementTimeoutMs * 2,
    connectionTimeoutMillis: 5000,
    application_name: 'enclave',
    types,
  });
  // A client losing its connection must not crash the process, whether it is idle in the pool
  // (pool 'error') or checked out between two queries (the client's own 'error', which pg
  // otherwise throws as an uncaught exception). Queries in flight fail on their own; the next
  // query opens a new connection.
  const onLost = (error: Error) =>
    logger.warn({ reason: error.message }, 'PostgreSQL connection lost');
  pool.on('error', onLost);
  pool.on('connect', (client) => client.on('error', onLost));
  return pool;
}

/** Where the server is, for messages: never the password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the DATABASE_URL server';
  }
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Waits until PostgreSQL answers, retrying with jittered exponential backoff for up to
 * `connectRetryMs` (a database container often starts after the app), then gives up with a
 * message that says where it looked and what to check.
 */
export async function waitForPostgres(
  pool: pg.Pool,
  config: PostgresConfig,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + config.connectRetryMs;
  let delay = 100;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pool.query('select 1');
      return;
    } catch (error) {
      const reason = (error as Error).message;
      if (Date.now() + delay > deadline) {
        throw new DatabaseUnavailableError(
          `Could not reach PostgreSQL at ${describePostgres(config.url)} after ${attempt} attempts over ${Math.round(config.connectRetryMs / 1000)} s (${reason}). Check DATABASE_URL and that the server is running and accepts connections.`,
        );
      }
      logger.warn({ attempt, reason }, 'PostgreSQL not answering yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/**
 * The pool as Kysely uses it: a checkout or a query that fails because PostgreSQL cannot be
 * reached throws 503 `service_unavailable` (database-unavailable.ts) to whoever ran it.
 */
export function poolForKysely(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const rethrow = (error: unknown): never => {
    throw unavailableIfUnreachable(error);
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // A cursor (Kysely's stream) reports its errors through its own reads.
    const query = (sqlOrCursor: string | PostgresCursor<unknown>, parameters?: unknown[]) =>
      typeof sqlOrCursor === 'string'
        ? client.query(sqlOrCursor, parameters).catch(rethrow)
        : (client.query(sqlOrCursor as never) as unknown);
    return { query: query as PostgresPoolClient['query'], release: () => client.release() };
  };
  return {
    async connect() {
      const client = await pool.connect().catch(rethrow);
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
