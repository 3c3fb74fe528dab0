import {
  SqliteAdapter,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { UsersTable } from '../../platform/db/tables.js';

export type UserRow = Selectable<UsersTable>;

/** Usernames are compared and stored lower-cased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normalizeUsername(username))
    .executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of users, newest first; `nextCursor` is the id to pass as `cursor` for the next. */
export async function listUsers(
  db: Kysely<Database>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ rows: UserRow[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  // Ids are UUIDv7, so they sort by creation time and the last id seen marks the place.
  if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  return { rows: items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Locks the active admins' rows until the transaction ends, so that of concurrent changes that
 * each take away an admin (demote, disable, delete) the later one counts after the earlier one
 * committed and the last admin cannot be removed by two requests at once. SQLite needs no lock:
 * its write transactions already run one at a time (BEGIN IMMEDIATE).
 */
export async function lockActiveAdmins(trx: Transaction<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof SqliteAdapter) return;
  await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Changes a user's row (stamping `updated_at`); undefined when there is no such user. */
export function updateUserRow(
  db: Kysely<Database>,
  id: string,
  changes: Omit<Updateable<UsersTable>, 'id' | 'updated_at'>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteUserById(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
