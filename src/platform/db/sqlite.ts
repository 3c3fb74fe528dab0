import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * Opens the embedded database. WAL lets readers run beside the one writer; `synchronous=FULL`
 * applies to every write (not only auth and audit): one fsync per commit costs little at the
 * write rate of a team's workspace, and it means a power cut on an edge box never loses a
 * committed login, audit row or message.
 */
export function openSqlite(file: string): BetterSqlite3.Database {
  const database = new BetterSqlite3(file, { timeout: 5000 });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

/**
 * SQLite with transactions that take the write lock up front (`BEGIN IMMEDIATE`). A deferred
 * transaction that reads and then writes fails with SQLITE_BUSY when another process wrote in
 * between; an immediate one waits its turn (busy_timeout). Migrations run in one such
 * transaction, which makes the writer lock the migration lock across processes.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely sees it, with prepared statements kept by SQL text: Kysely prepares
 * every query anew, which costs more than running a small one. Statements are reusable (the
 * connection is used by one query at a time), and SQLite re-prepares a kept statement by itself
 * if the schema changed under it.
 */
export function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
