import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The dialect matrix: with TEST_DATABASE_URL (a PostgreSQL server URL whose user may create
 * databases) every test app gets a fresh PostgreSQL database; without it, a fresh SQLite file.
 * TEST_REDIS_URL adds Redis to every test app and enables the Redis-only tests.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? null;
export const dialect: 'sqlite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export function tempDir(prefix = 'enclave-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A new, empty PostgreSQL database for one test app; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `enclave_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL ?? undefined });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}
