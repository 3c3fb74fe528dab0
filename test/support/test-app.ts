import type { Redis } from 'ioredis';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { loadOrCreateSecrets, type Secrets } from '../../src/config/secrets.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { connectRedis } from '../../src/platform/redis.js';
import { LogCapture } from './log-capture.js';
import {
  TEST_REDIS_URL,
  TEST_SERVER_ENV,
  createPostgresDatabase,
  dialect,
  randomSuffix,
  removeDir,
  tempDir,
} from './test-env.js';

export interface TestAppOptions {
  /** Extra settings, as environment variables. */
  env?: Record<string, string>;
  /** Use Redis when TEST_REDIS_URL is set (default true). */
  redis?: boolean;
  /** Share Redis keys with other apps using the same prefix (default: a fresh one). */
  redisPrefix?: string;
  /** Add routes before the app is ready (platform tests need routes with bodies). */
  configure?: (app: App) => void | Promise<void>;
  pressureSampleIntervalMs?: number;
  webRoot?: string;
  /**
   * A second instance of another test app: the same data dir (secrets), database and Redis
   * prefix, as two servers of one deployment. Closing it leaves the shared parts to the first.
   * Of `env`, only REDIS_URL applies to it.
   */
  instanceOf?: TestApp;
}

export interface TestApp {
  app: App;
  config: Config;
  secrets: Secrets;
  database: DatabaseHandle;
  redis: Redis | null;
  logs: LogCapture;
  dataDir: string;
  redisPrefix: string;
  close(): Promise<void>;
}

/**
 * Builds the real app on a fresh database of the current dialect (a new SQLite file, or a new
 * PostgreSQL database) in its own data dir, with its log captured. `close` removes it all.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (options.instanceOf) return secondInstance(options.instanceOf, options);
  const dataDir = tempDir();
  const postgres = dialect === 'postgres' ? await createPostgresDatabase({ migrated: true }) : null;
  const config = loadConfig({
    cwd: dataDir,
    env: {
      NODE_ENV: 'test',
      ENCLAVE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...TEST_SERVER_ENV,
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...(TEST_REDIS_URL && options.redis !== false ? { REDIS_URL: TEST_REDIS_URL } : {}),
      ...options.env,
    },
  });
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const { secrets } = loadOrCreateSecrets(config);
  const database = await openDatabase(config.database, logger);
  await migrateToLatest(database, logger);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
  const redisPrefix = options.redisPrefix ?? `enclave-test-${randomSuffix()}`;
  const app = await buildApp({
    config,
    logger,
    database,
    secrets,
    redis,
    redisPrefix,
    pressureSampleIntervalMs: options.pressureSampleIntervalMs,
    webRoot: options.webRoot ?? null,
  });
  await options.configure?.(app);
  await app.ready();

  return {
    app,
    config,
    secrets,
    database,
    redis,
    logs,
    dataDir,
    redisPrefix,
    async close() {
      await app.close();
      await database.close();
      redis?.disconnect();
      await postgres?.drop();
      removeDir(dataDir);
    },
  };
}

async function secondInstance(first: TestApp, options: TestAppOptions): Promise<TestApp> {
  const logs = new LogCapture();
  const logger = createLogger(first.config.logLevel, logs);
  // Its own REDIS_URL, if given, reaches the same Redis another way (through a proxy, say).
  const redisUrl = options.env?.REDIS_URL ?? first.config.redisUrl;
  const redis = redisUrl ? await connectRedis(redisUrl, logger) : null;
  const app = await buildApp({
    config: first.config,
    logger,
    database: first.database,
    secrets: first.secrets,
    redis,
    redisPrefix: first.redisPrefix,
    pressureSampleIntervalMs: options.pressureSampleIntervalMs,
    webRoot: null,
  });
  await options.configure?.(app);
  await app.ready();
  return {
    ...first,
    app,
    redis,
    logs,
    async close() {
      await app.close();
      redis?.disconnect();
    },
  };
}
