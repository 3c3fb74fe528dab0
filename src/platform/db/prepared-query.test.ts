import { afterEach, describe, expect, it } from 'vitest';
import { notesDatabase } from '../../../test/support/notes-database.js';
import { dialect } from '../../../test/support/test-env.js';
import { prepareQuery } from './prepared-query.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe(`prepared queries (${dialect})`, () => {
  it('run their compiled SQL with new values each time, constants kept', async () => {
    const { db } = await notesDatabase(cleanups);
    await db
      .insertInto('notes')
      .values([1, 2, 3].map((id) => ({ id, text: `note ${id}` })))
      .execute();
    // Only notes 1 and 2 can be renamed: the ids are constants of the query.
    const renameNote = prepareQuery(db, 2, (db, text, oldText) =>
      db.updateTable('notes').set({ text }).where('text', '=', oldText).where('id', 'in', [1, 2]),
    );
    await renameNote(db, 'first', 'note 1');
    await db.transaction().execute(async (trx) => {
      await renameNote(trx, "second'; drop table notes; --", 'note 2'); // stored as text
      await renameNote(trx, 'third', 'note 3'); // id 3: not in the constants
    });
    const notes = await db.selectFrom('notes').select(['id', 'text']).orderBy('id').execute();
    expect(notes).toEqual([
      { id: 1, text: 'first' },
      { id: 2, text: "second'; drop table notes; --" },
      { id: 3, text: 'note 3' },
    ]);
  });

  it('refuse, when prepared, a value the query does not use', async () => {
    const { db } = await notesDatabase(cleanups);
    expect(() =>
      prepareQuery(db, 2, (db, text) => db.updateTable('notes').set({ text }).where('id', '=', 1)),
    ).toThrow('value 1 is not a parameter');
  });
});
