import { loadConfig } from '../config/config.js';
import { ensureDataDir } from '../config/secrets.js';
import { reportStartupFailure } from '../main.js';
import { openDatabase } from '../platform/db/database.js';
import { knownMigrations, migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
/** `enclave migrate`: applies pending migrations under the migration lock; returns the exit code. */
export async function runMigrate() {
    try {
        const config = loadConfig();
        process.umask(0o077);
        ensureDataDir(config.dataDir);
        const database = await openDatabase(config.database, createLogger('warn'));
        try {
            const applied = await migrateToLatest(database, createLogger('warn'));
            process.stdout.write(applied.length > 0
                ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
                : `Applied 0 migration(s); the database is up to date (${knownMigrations().length} known).\n`);
            return 0;
        }
        finally {
            await database.close();
        }
    }
    catch (error) {
        reportStartupFailure(error);
        return 1;
    }
}
//# sourceMappingURL=migrate.command.js.map