import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { notesDatabase, type NotesDb } from '../../../test/support/notes-database.js';
import { dialect } from '../../../test/support/test-env.js';
import { WriteBatcher, writeBatcherOf } from './write-batcher.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const add = (id: number, text = `note ${id}`) =>
  async function write(trx: Kysely<NotesDb>) {
    await trx.insertInto('notes').values({ id, text }).execute();
    return id;
  };

const stored = async (db: Kysely<NotesDb>) =>
  (await db.selectFrom('notes').select('id').orderBy('id').execute()).map((row) => row.id);

describe(`write batcher (${dialect})`, () => {
  it('commits the writes of one turn together, and each caller resumes with its own result once committed', async () => {
    const { db, commits } = await notesDatabase(cleanups);
    const batcher = new WriteBatcher(db);
    const before = commits();
    const results = await Promise.all([1, 2, 3].map((id) => batcher.run(add(id))));
    expect(results).toEqual([1, 2, 3]);
    expect(commits() - before).toBe(1);
    expect(await stored(db)).toEqual([1, 2, 3]);
  });

  it('gathers the writes that arrive while a commit is in flight into the next commit', async () => {
    const { db, commits } = await notesDatabase(cleanups);
    const batcher = new WriteBatcher(db);
    const before = commits();
    let inFlight = false;
    const slow = batcher.run(async (trx) => {
      inFlight = true;
      await sleep(50);
      await trx.insertInto('notes').values({ id: 1, text: 'slow' }).execute();
      return 1;
    });
    while (!inFlight) await sleep(1);
    const next = Promise.all([2, 3, 4].map((id) => batcher.run(add(id))));
    await sleep(5);
    const last = batcher.run(add(5));
    expect(await slow).toBe(1);
    expect(await next).toEqual([2, 3, 4]);
    expect(await last).toBe(5);
    expect(commits() - before).toBe(2);
    expect(await stored(db)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails only the caller whose write fails; the other writes of its batch are committed', async () => {
    const { db } = await notesDatabase(cleanups);
    const batcher = new WriteBatcher(db);
    await batcher.run(add(2));
    const results = await Promise.allSettled([1, 2, 3].map((id) => batcher.run(add(id))));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(db)).toEqual([1, 2, 3]);
    // It goes on batching afterwards.
    expect(await Promise.all([4, 5].map((id) => batcher.run(add(id))))).toEqual([4, 5]);
  });

  it('is one batcher per database', async () => {
    const first = await notesDatabase(cleanups);
    const second = await notesDatabase(cleanups);
    expect(writeBatcherOf(first.db)).toBe(writeBatcherOf(first.db));
    expect(writeBatcherOf(first.db)).not.toBe(writeBatcherOf(second.db));
  });
});
