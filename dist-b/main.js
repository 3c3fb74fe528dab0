import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { ensureSetupCode, removeSetupCode } from './features/setup/setup-code.js';
import { countUsers } from './features/users/users.queries.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { findPermissionProblems, findSettingProblems } from './config/production-checks.js';
import { loadOrCreateSecrets } from './config/secrets.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createLogger } from './platform/logging/logger.js';
import { pinNextTickShape } from './platform/runtime/next-tick-shape.js';
/** A start-up refusal that explains itself; printed without a stack trace. */
export class StartupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StartupError';
    }
}
/**
 * Loads config and secrets, refuses an unsafe production start, opens and migrates the
 * database, connects Redis, builds the app and listens. SIGTERM/SIGINT close it gracefully:
 * stop accepting, let in-flight requests finish (bounded by SHUTDOWN_TIMEOUT_MS), close the
 * database, exit 0; a second signal exits at once.
 */
export async function startServer(options = {}) {
    const config = options.config ?? loadConfig();
    // Everything Enclave writes (database, uploads, backups) is private to its user.
    process.umask(0o077);
    pinNextTickShape();
    const logger = createLogger(config.logLevel);
    // Unsafe settings are refused before anything is written; file modes once the files exist.
    if (config.isProduction)
        refuseIfAny(findSettingProblems(config));
    const { secrets, created } = loadOrCreateSecrets(config);
    if (created.length > 0) {
        logger.info({ files: created, dataDir: config.dataDir }, 'generated secrets');
    }
    if (config.isProduction)
        refuseIfAny(findPermissionProblems(config));
    let database = null;
    let redis = null;
    try {
        database = await openDatabase(config.database, logger);
        await migrateToLatest(database, logger);
        if (config.redisUrl) {
            // Loaded only when configured: ioredis costs ~70 ms and ~20 MiB at start-up.
            const { connectRedis } = await import('./platform/redis.js');
            redis = await connectRedis(config.redisUrl, logger, config.redisConnectRetryMs);
        }
        if ((await countUsers(database.db)) === 0) {
            // The operator's one way in: printed on its own line (not as a log field) and kept in
            // the data dir until the first admin exists.
            process.stdout.write(`Setup code: ${ensureSetupCode(config.dataDir)}\n`);
        }
        else {
            removeSetupCode(config.dataDir);
        }
        const app = await buildApp({
            config,
            logger,
            database,
            secrets,
            redis,
            webRoot: webRoot(),
            streamingTextWrites: options.streamingTextWrites,
        });
        await options.configureApp?.(app);
        const url = await app.listen({ port: config.port, host: config.host });
        logger.info({ url, readyInMs: Math.round(performance.now()) }, 'Enclave is ready');
        const openDatabaseHandle = database;
        const openRedis = redis;
        const close = async () => {
            await app.close();
            await openDatabaseHandle.close();
            openRedis?.disconnect();
        };
        return { app, url, close };
    }
    catch (error) {
        await database?.close();
        redis?.disconnect();
        throw error;
    }
}
function refuseIfAny(problems) {
    if (problems.length === 0)
        return;
    throw new StartupError(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
/** Runs the server until a signal arrives; the `serve` command and `node dist/main.js`. */
export async function runServer(options = {}) {
    let server;
    let config;
    try {
        config = loadConfig();
        server = await startServer({ config, ...options });
    }
    catch (error) {
        reportStartupFailure(error);
        process.exit(1);
    }
    const logger = server.app.log;
    closeWithGrace({
        delay: config.http.shutdownTimeoutMs,
        logger: { error: (message) => logger.error(message) },
    }, async ({ signal, err }) => {
        if (err)
            logger.error({ err }, 'shutting down after an uncaught error');
        else
            logger.info({ signal }, 'shutting down');
        await server.close();
        logger.info('stopped');
    });
}
export function reportStartupFailure(error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
        process.stderr.write(`${error.message}\n`);
    }
    else {
        const logger = createLogger('error');
        logger.fatal({ err: error }, 'Enclave could not start');
        process.stderr.write(`Enclave could not start: ${error.message}\n`);
    }
}
/**
 * The built web UI: dist/web beside dist/main.js, or dist/web of the repository when running
 * src/ in development (web/ holds sources that only Vite can serve: `npm run dev:web`).
 */
function webRoot() {
    const built = fileURLToPath(new URL('./web', import.meta.url));
    return existsSync(built) ? built : fileURLToPath(new URL('../dist/web', import.meta.url));
}
function isEntryPoint() {
    const script = process.argv[1];
    if (!script)
        return false;
    try {
        return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
    }
    catch {
        return false;
    }
}
if (isEntryPoint())
    await runServer();
//# sourceMappingURL=main.js.map