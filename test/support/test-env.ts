import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { TEST_DATABASE_URL, databaseUrl, dropDatabase, withAdmin } from './postgres-admin.js';

/**
 * The dialect matrix: with TEST_DATABASE_URL (a PostgreSQL server URL whose user may create
 * databases) every test app gets a fresh PostgreSQL database; without it, a fresh SQLite file.
 * TEST_REDIS_URL adds Redis to every test app and enables the Redis-only tests.
 */
export { TEST_DATABASE_URL };
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? null;
export const dialect: 'sqlite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * Settings every server a test starts gets: parallel test files can starve a process for a
 * second, and that must not read as overload (test/api/back-pressure.test.ts sets its own
 * threshold).
 */
export const TEST_SERVER_ENV = { MAX_EVENT_LOOP_DELAY_MS: '30000' } as const;

export function tempDir(prefix = 'enclave-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A new PostgreSQL database for one test app; `drop` removes it. Empty, or with `migrated` a
 * copy of the run's migrated template (test/support/postgres-template.ts), which skips running
 * every migration again.
 */
export async function createPostgresDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${inject('postgresRunPrefix')}${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? inject('postgresTemplate') : null;
  await withAdmin((client) =>
    client.query(`create database ${name}${template ? ` template ${template}` : ''}`),
  );
  return {
    url: databaseUrl(name),
    drop: async () => {
      await withAdmin((client) => dropDatabase(client, name));
    },
  };
}

export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}
