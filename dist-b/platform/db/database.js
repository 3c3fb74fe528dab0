import { Kysely, PostgresDialect, sql } from 'kysely';
import { ImmediateSqliteDialect, openSqlite } from './sqlite.js';
import { TableWrites } from './table-writes.js';
/** Opens SQLite or PostgreSQL as configured; for PostgreSQL, waits until it answers. */
export async function openDatabase(config, logger) {
    const tableWrites = new TableWrites();
    if (config.kind === 'sqlite') {
        const dialect = new ImmediateSqliteDialect(openSqlite(config.file));
        return handleFor(new Kysely({ dialect, plugins: [tableWrites] }), 'sqlite', tableWrites);
    }
    // Loaded only when configured: pg costs ~60 ms and ~14 MiB at start-up on a SQLite install.
    const { createPostgresPool, waitForPostgres } = await import('./postgres.js');
    const pool = createPostgresPool(config, logger);
    try {
        await waitForPostgres(pool, config, logger);
    }
    catch (error) {
        await pool.end();
        throw error;
    }
    const dialect = new PostgresDialect({ pool });
    return handleFor(new Kysely({ dialect, plugins: [tableWrites] }), 'postgres', tableWrites);
}
function handleFor(db, dialect, tableWrites) {
    return {
        db,
        dialect,
        tableWrites,
        ping: async () => {
            await sql `select 1`.execute(db);
        },
        close: () => db.destroy(),
    };
}
//# sourceMappingURL=database.js.map