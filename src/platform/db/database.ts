import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '../../config/config.js';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect, openSqlite } from './sqlite.js';
import { TableWrites } from './table-writes.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the typed query builder plus what health checks and shutdown need. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where caches learn that a table was written. */
  readonly tableWrites: TableWrites;
  /** Resolves when the database answers a query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens SQLite or PostgreSQL as configured; for PostgreSQL, waits until it answers. */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
): Promise<DatabaseHandle> {
  const tableWrites = new TableWrites();
  if (config.kind === 'sqlite') {
    const dialect = new ImmediateSqliteDialect(openSqlite(config.file));
    return handleFor(
      new Kysely<Database>({ dialect, plugins: [tableWrites] }),
      'sqlite',
      tableWrites,
    );
  }
  // Loaded only when configured: pg costs ~60 ms and ~14 MiB at start-up on a SQLite install.
  const { createPostgresPool, poolForKysely, waitForPostgres } = await import('./postgres.js');
  const pool = createPostgresPool(config, logger);
  try {
    await waitForPostgres(pool, config, logger);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const dialect = new PostgresDialect({ pool: poolForKysely(pool) });
  return handleFor(
    new Kysely<Database>({ dialect, plugins: [tableWrites] }),
    'postgres',
    tableWrites,
  );
}

function handleFor(
  db: Kysely<Database>,
  dialect: Dialect,
  tableWrites: TableWrites,
): DatabaseHandle {
  return {
    db,
    dialect,
    tableWrites,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
