import path from 'node:path';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import { createPostgresPool } from '../../src/platform/db/postgres.js';
import { ImmediateSqliteDialect, openSqlite } from '../../src/platform/db/sqlite.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { createPostgresDatabase, dialect, removeDir, tempDir } from './test-env.js';

export interface NotesDb {
  notes: { id: number; text: string };
}

/**
 * A fresh database of the current dialect with a `notes` table, counting its commits, for
 * tests of the database plumbing; what it leaves behind is pushed onto `cleanups`.
 */
export async function notesDatabase(
  cleanups: (() => Promise<void> | void)[],
): Promise<{ db: Kysely<NotesDb>; commits: () => number }> {
  let commits = 0;
  const log = (event: LogEvent) => {
    if (event.level === 'query' && event.query.sql.trim().toLowerCase() === 'commit') commits++;
  };
  let db: Kysely<NotesDb>;
  if (dialect === 'postgres') {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    // The server's own pool: its clients keep an error listener while they close, since the
    // pool's end() resolves before they have, and dropping the database ends them for it.
    const pool = createPostgresPool(
      {
        kind: 'postgres',
        url: database.url,
        poolMax: 10,
        statementTimeoutMs: 30_000,
        connectRetryMs: 0,
      },
      createLogger('silent'),
    );
    db = new Kysely<NotesDb>({ dialect: new PostgresDialect({ pool }), log });
  } else {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const sqlite = new ImmediateSqliteDialect(openSqlite(path.join(dir, 'notes.sqlite')));
    db = new Kysely<NotesDb>({ dialect: sqlite, log });
  }
  cleanups.push(() => db.destroy());
  await db.schema
    .createTable('notes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  return { db, commits: () => commits };
}
