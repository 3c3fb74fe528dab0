import { Migrator } from 'kysely';
import { migrations } from './migrations/index.js';
export class MigrationError extends Error {
    migration;
    constructor(message, migration) {
        super(message);
        this.migration = migration;
        this.name = 'MigrationError';
    }
}
/**
 * Applies every pending migration and returns the names this call applied. It runs under a
 * lock (a PostgreSQL advisory lock; SQLite's writer lock), so when several instances start at
 * once one migrates and the others find nothing left to do. A failed migration rolls back whole.
 */
export async function migrateToLatest(handle, logger) {
    const { error, results = [] } = await migratorFor(handle).migrateToLatest();
    const applied = results.filter((r) => r.status === 'Success');
    for (const result of applied)
        logger.info({ migration: result.migrationName }, 'migration applied');
    if (error) {
        const failed = results.find((r) => r.status === 'Error')?.migrationName ?? null;
        const which = failed ? `Database migration ${failed}` : 'Database migration';
        throw new MigrationError(`${which} failed: ${error.message}`, failed);
    }
    return applied.map((r) => r.migrationName);
}
/** Names of the migrations this build knows that the database has not applied yet. */
export async function pendingMigrations(handle) {
    const all = await migratorFor(handle).getMigrations();
    return all.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}
function migratorFor(handle) {
    return new Migrator({
        db: handle.db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
    });
}
/** Names of all migrations this build knows, applied or not. */
export function knownMigrations() {
    return Object.keys(migrations);
}
//# sourceMappingURL=migrate.js.map