/** Every stored provider, oldest first (the order their models are merged in). */
export function listProviderRows(db) {
    return db.selectFrom('providers').selectAll().orderBy('created_at').orderBy('id').execute();
}
export function findProviderRow(db, id) {
    return db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
}
export function insertProviderRow(db, values) {
    return db.insertInto('providers').values(values).returningAll().executeTakeFirstOrThrow();
}
/** Changes a provider (stamping `updated_at`); undefined when there is no such provider. */
export function updateProviderRow(db, id, changes) {
    return db
        .updateTable('providers')
        .set({ ...changes, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
}
/** True when a provider was removed. */
export async function deleteProviderRow(db, id) {
    const result = await db.deleteFrom('providers').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
}
//# sourceMappingURL=providers.queries.js.map