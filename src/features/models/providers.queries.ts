import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ProvidersTable } from '../../platform/db/tables.js';

export type ProviderRow = Selectable<ProvidersTable>;

/** Every stored provider, oldest first (the order their models are merged in). */
export function listProviderRows(db: Kysely<Database>): Promise<ProviderRow[]> {
  return db.selectFrom('providers').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function findProviderRow(
  db: Kysely<Database>,
  id: string,
): Promise<ProviderRow | undefined> {
  return db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertProviderRow(
  db: Kysely<Database>,
  values: Insertable<ProvidersTable>,
): Promise<ProviderRow> {
  return db.insertInto('providers').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a provider (stamping `updated_at`); undefined when there is no such provider. */
export function updateProviderRow(
  db: Kysely<Database>,
  id: string,
  changes: Omit<Updateable<ProvidersTable>, 'id' | 'created_at' | 'updated_at'>,
): Promise<ProviderRow | undefined> {
  return db
    .updateTable('providers')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** True when a provider was removed. */
export async function deleteProviderRow(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('providers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
