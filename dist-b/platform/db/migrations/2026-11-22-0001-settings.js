import { sql } from 'kysely';
// Frozen: this file must never import application code or change after release.
export async function up(db) {
    const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
    await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .addColumn('updated_at', isPostgres ? 'timestamptz' : 'text', (column) => column
        .notNull()
        .defaultTo(isPostgres ? sql `now()` : sql `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
        .execute();
}
export async function down(db) {
    await db.schema.dropTable('settings').execute();
}
//# sourceMappingURL=2026-11-22-0001-settings.js.map