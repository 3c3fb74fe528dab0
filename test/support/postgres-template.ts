import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { TEST_DATABASE_URL, databaseUrl, dropDatabase, withAdmin } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PostgreSQL database that test apps' databases are copied from. */
    postgresTemplate: string | null;
    /** The prefix of every PostgreSQL database this run creates. */
    postgresRunPrefix: string;
  }
}

/**
 * Global setup of the server's tests on PostgreSQL: one database migrated once per run, which
 * `createPostgresDatabase({ migrated: true })` copies (`create database … template …`) instead
 * of migrating every test app's database anew. When the run ends, every database it created
 * is dropped, the template and any a failed test left behind.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const prefix = `enclave_t_${randomBytes(6).toString('hex')}_`;
  project.provide('postgresRunPrefix', prefix);
  if (!TEST_DATABASE_URL) {
    project.provide('postgresTemplate', null);
    return;
  }
  const dropRunDatabases = () =>
    withAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) {
        await dropDatabase(client, datname);
      }
    });
  const name = `${prefix}template`;
  try {
    await migratedDatabase(name);
  } catch (error) {
    await dropRunDatabases();
    throw error;
  }
  project.provide('postgresTemplate', name);
  return dropRunDatabases;
}

async function migratedDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`create database ${name}`));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'enclave-template-'));
  try {
    const config = loadConfig({
      cwd: dataDir,
      env: { NODE_ENV: 'test', ENCLAVE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl(name) },
    });
    const logger = createLogger('silent');
    const database = await openDatabase(config.database, logger);
    try {
      await migrateToLatest(database, logger);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
