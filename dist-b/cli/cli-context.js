import { ConfigError, loadConfig } from '../config/config.js';
import { ensureDataDir } from '../config/secrets.js';
import { AppError } from '../platform/http/errors.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
/** A refusal the operator can act on; printed as is, without a stack trace. */
export class CliError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CliError';
    }
}
/**
 * Runs a command with the process's settings and streams (tests pass their own) and turns its
 * outcome into an exit code: 0, or 1 with the reason on stderr.
 */
export async function runCommand(command, overrides = {}) {
    const err = overrides.err ?? ((line) => void process.stderr.write(`${line}\n`));
    try {
        await command({
            config: overrides.config ?? loadConfig(),
            stdin: overrides.stdin ?? process.stdin,
            out: overrides.out ?? ((line) => void process.stdout.write(`${line}\n`)),
            err,
        });
        return 0;
    }
    catch (error) {
        if (error instanceof ConfigError || error instanceof CliError)
            err(error.message);
        else if (error instanceof AppError)
            err(error.detail);
        else
            err(`Error: ${error.message}`);
        return 1;
    }
}
/**
 * Opens the database exactly as `enclave migrate` does and brings its schema up to date, so
 * the commands work while the server is down (the recovery path for a lost admin password).
 */
export async function withDatabase(config, run) {
    process.umask(0o077);
    ensureDataDir(config.dataDir);
    // Warnings (such as PostgreSQL retries) go to stderr: stdout carries the command's answer.
    const logger = createLogger('warn', process.stderr);
    const database = await openDatabase(config.database, logger);
    try {
        await migrateToLatest(database, logger);
        return await run(database);
    }
    finally {
        await database.close();
    }
}
//# sourceMappingURL=cli-context.js.map