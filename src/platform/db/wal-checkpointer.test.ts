import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../../../test/support/test-env.js';
import { WalCheckpointer, type CheckpointResult } from './wal-checkpointer.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A WAL database that never checkpoints by itself, as the server opens it. */
function walDatabase(): { file: string; database: BetterSqlite3.Database } {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const file = path.join(dir, 'test.db');
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('wal_autocheckpoint = 0');
  database.exec('create table notes (id integer primary key, body text not null)');
  cleanups.push(() => {
    if (database.open) database.close();
  });
  return { file, database };
}

/** Commits `count` rows of ~3 KiB, one commit each, telling the checkpointer of every one. */
function commitNotes(
  database: BetterSqlite3.Database,
  checkpointer: WalCheckpointer | null,
  count: number,
): void {
  const insert = database.prepare('insert into notes (body) values (?)');
  for (let i = 0; i < count; i++) {
    insert.run('n'.repeat(3000));
    checkpointer?.noteCommit();
  }
}

function checkpointerFor(
  file: string,
  options: Partial<ConstructorParameters<typeof WalCheckpointer>[1]> = {},
): { checkpointer: WalCheckpointer; results: CheckpointResult[]; unavailable: () => boolean } {
  const results: CheckpointResult[] = [];
  let unavailable = false;
  const checkpointer = new WalCheckpointer(file, {
    intervalMs: 10,
    commitsPerCheckpoint: 50,
    onUnavailable: () => (unavailable = true),
    onCheckpoint: (result) => results.push(result),
    ...options,
  });
  cleanups.push(() => checkpointer.close());
  return { checkpointer, results, unavailable: () => unavailable };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sizeOf = (file: string) => statSync(file).size;

describe('WAL checkpoints on a thread of their own', () => {
  it('copies committed pages into the database file, and the next writer reuses the log', async () => {
    const { file, database } = walDatabase();
    const { checkpointer, results } = checkpointerFor(file);
    const emptySize = sizeOf(file);

    commitNotes(database, checkpointer, 60);
    await until(() => results.length === 1, 'the first checkpoint');
    expect(results[0]).toMatchObject({ busy: 0 });
    expect(results[0]?.checkpointed).toBe(results[0]?.log);
    expect(results[0]?.log).toBeGreaterThan(60);
    expect(sizeOf(file)).toBeGreaterThan(emptySize + 60 * 3000);

    // The whole log was copied, so the next commits overwrite it from its start.
    const logSize = sizeOf(`${file}-wal`);
    commitNotes(database, checkpointer, 60);
    await until(() => results.length === 2, 'the second checkpoint');
    expect(sizeOf(`${file}-wal`)).toBe(logSize);
    expect(database.prepare('select count(*) as n from notes').get()).toEqual({ n: 120 });
  });

  it('without it, the same commits leave the database file as it was and the log growing', () => {
    const { file, database } = walDatabase();
    const emptySize = sizeOf(file);
    commitNotes(database, null, 60);
    const logSize = sizeOf(`${file}-wal`);
    commitNotes(database, null, 60);
    expect(sizeOf(file)).toBe(emptySize);
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(logSize);
  });

  it('waits for enough commits, and checkpoints fewer once the first has waited long enough', async () => {
    const { file, database } = walDatabase();
    const { checkpointer, results } = checkpointerFor(file, {
      commitsPerCheckpoint: 1_000,
      maxWaitMs: 2_000,
    });
    commitNotes(database, checkpointer, 3);
    // Thirty looks at the pending commits (10 ms apart), each finding too few of them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(results).toEqual([]);
    await until(() => results.length === 1, 'a checkpoint of three commits');
    expect(results[0]?.checkpointed).toBe(results[0]?.log);
  });

  it('ends its thread before the database closes, so the last connection removes the log', async () => {
    const { file, database } = walDatabase();
    const { checkpointer, results } = checkpointerFor(file);
    commitNotes(database, checkpointer, 60);
    await until(() => results.length === 1, 'a checkpoint');
    commitNotes(database, checkpointer, 5);
    await checkpointer.close();
    database.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new BetterSqlite3(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from notes').get()).toEqual({ n: 65 });
    reopened.close();
  });

  it('says it is unavailable when its thread cannot open the database', async () => {
    const { file } = walDatabase();
    const { checkpointer, results, unavailable } = checkpointerFor(`${file}.missing`, {
      commitsPerCheckpoint: 1,
    });
    checkpointer.noteCommit();
    await until(unavailable, 'the checkpointer to give up');
    expect(results).toEqual([]);
  });
});
