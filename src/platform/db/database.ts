import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '../../config/config.js';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect, openSqlite, withStatementCache } from './sqlite.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the typed query builder plus what health checks and shutdown need. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Resolves when the database answers a query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens SQLite or PostgreSQL as configured; for PostgreSQL, waits until it answers. */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
): Promise<DatabaseHandle> {
  if (config.kind === 'sqlite') {
    const database = openSqlite(config.file);
    return handleFor(
      new Kysely<Database>({
        dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }),
      }),
      'sqlite',
    );
  }
  // Loaded only when configured: pg costs ~60 ms and ~14 MiB at start-up on a SQLite install.
  const { createPostgresPool, waitForPostgres } = await import('./postgres.js');
  const pool = createPostgresPool(config, logger);
  try {
    await waitForPostgres(pool, config, logger);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return handleFor(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}

function handleFor(db: Kysely<Database>, dialect: Dialect): DatabaseHandle {
  return {
    db,
    dialect,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
