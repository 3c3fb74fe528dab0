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
  type SqliteStatement,
} from 'kysely';
import { unavailableIfUnreachable } from './database-unavailable.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WalSync } from './wal-sync.js';

/**
 * Opens the embedded database. WAL lets readers run beside the one writer. Every commit is
 * durable before anyone hears of it (a power cut on an edge box never loses a committed login,
 * audit row or message), but SQLite does not fsync inside the commit (`synchronous = NORMAL`):
 * the Kysely driver below has the log fsynced off the event loop (WalSync) and answers the
 * query only then. NORMAL still syncs the log before each checkpoint and when it is reused.
 * Checkpoints run on a thread of their own (WalCheckpointer), not in a commit.
 */
export function openSqlite(file: string): BetterSqlite3.Database {
  const database = new BetterSqlite3(file, { timeout: 5000 });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
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
  readonly #database: KyselySqliteDatabase;

  constructor(database: BetterSqlite3.Database) {
    const kyselyDatabase = new KyselySqliteDatabase(database);
    super({ database: kyselyDatabase });
    this.#database = kyselyDatabase;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#database);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

const STATEMENT_CACHE_SIZE = 500;

/** SQLite's own threshold, for when the checkpoint thread is not available. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The database as Kysely sees it. Prepared statements are kept by SQL text: Kysely prepares
 * every query anew, which costs more than running a small one. Statements are reusable (the
 * connection is used by one query at a time), and SQLite re-prepares a kept statement by itself
 * if the schema changed under it. Every statement that writes is noted, so the driver makes the
 * write durable before its caller is answered and has the log checkpointed off the event loop.
 */
export class KyselySqliteDatabase implements SqliteDatabase {
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #walSync: WalSync | null;
  readonly #checkpointer: WalCheckpointer | null;
  #wrote = false;

  constructor(private readonly database: BetterSqlite3.Database) {
    // An in-memory database has no log on disk to make durable or to checkpoint.
    if (database.memory) {
      this.#walSync = null;
      this.#checkpointer = null;
      return;
    }
    this.#walSync = new WalSync(`${database.name}-wal`);
    this.#checkpointer = new WalCheckpointer(database.name, {
      onUnavailable: () => {
        if (database.open) database.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      },
    });
    database.pragma('wal_autocheckpoint = 0');
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
      statement = this.#noteWrites(this.database.prepare(sql));
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Resolves once what was written since the last call is on disk: at once when nothing was,
   * or while a transaction is still open (its end is the write that counts).
   */
  syncWrites(): Promise<void> | null {
    if (!this.#wrote || this.database.inTransaction || !this.#walSync) return null;
    this.#wrote = false;
    this.#checkpointer?.noteCommit();
    return this.#walSync.sync();
  }

  /** Ends the checkpoint thread first, so that this connection is the last to close. */
  async closeCheckpointer(): Promise<void> {
    await this.#checkpointer?.close();
  }

  close(): void {
    this.database.close();
    void this.#walSync?.close();
  }

  #noteWrites(statement: BetterSqlite3.Statement): SqliteStatement {
    if (statement.reader) return statement;
    return {
      reader: false,
      all: (parameters) => statement.all(parameters),
      iterate: (parameters) => statement.iterate(parameters),
      run: (parameters) => {
        this.#wrote = true;
        try {
          return statement.run(parameters);
        } catch (error) {
          // A lock another process held past the busy timeout: 503, to retry.
          throw unavailableIfUnreachable(error);
        }
      },
    };
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly database: KyselySqliteDatabase) {
    super({ database });
  }

  /** The last connection to close checkpoints the whole log and removes it. */
  override async destroy(): Promise<void> {
    await this.database.closeCheckpointer();
    await super.destroy();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /** The connection goes back first, so other queries run while the log is synced. */
  override async releaseConnection(): Promise<void> {
    const synced = this.database.syncWrites();
    await super.releaseConnection();
    if (synced) await synced;
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
