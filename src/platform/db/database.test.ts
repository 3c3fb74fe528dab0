import { statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { ensureDataDir } from '../../config/secrets.js';
import { closedPort } from '../../../test/support/tcp-proxy.js';
import {
  TEST_DATABASE_URL,
  createPostgresDatabase,
  dialect,
  removeDir,
  tempDir,
} from '../../../test/support/test-env.js';
import { LogCapture } from '../../../test/support/log-capture.js';
import { createLogger } from '../logging/logger.js';
import { openDatabase, type DatabaseHandle } from './database.js';
import { knownMigrations, migrateToLatest, pendingMigrations } from './migrate.js';
import { DatabaseUnavailableError } from './postgres.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const logger = createLogger('silent');

function scratchDir(): string {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  return dir;
}

async function freshDatabase(env: Record<string, string> = {}): Promise<DatabaseHandle> {
  const dir = scratchDir();
  const postgres = dialect === 'postgres' ? await createPostgresDatabase() : null;
  if (postgres) cleanups.push(() => postgres.drop());
  const config = loadConfig({
    cwd: dir,
    env: { ENCLAVE_DATA_DIR: dir, ...(postgres ? { DATABASE_URL: postgres.url } : {}), ...env },
  });
  ensureDataDir(config.dataDir);
  const handle = await openDatabase(config.database, logger);
  cleanups.push(() => handle.close());
  return handle;
}

describe(`database (${dialect})`, () => {
  it('applies every migration once, and a second run applies none', async () => {
    const handle = await freshDatabase();
    expect(await migrateToLatest(handle, logger)).toEqual(knownMigrations());
    expect(await migrateToLatest(handle, logger)).toEqual([]);
  });

  it('reports pending migrations on an empty database and none after migrating', async () => {
    const handle = await freshDatabase();
    expect(await pendingMigrations(handle)).toEqual(knownMigrations());
    await migrateToLatest(handle, logger);
    expect(await pendingMigrations(handle)).toEqual([]);
  });

  it('stores and reads back settings with ISO 8601 UTC times', async () => {
    const handle = await freshDatabase();
    await migrateToLatest(handle, logger);
    await handle.db
      .insertInto('settings')
      .values({ key: 'instanceName', value: '"Lab"' })
      .execute();
    const row = await handle.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'instanceName')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe('"Lab"');
    expect(row.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('rolls back a transaction that fails part way', async () => {
    const handle = await freshDatabase();
    await migrateToLatest(handle, logger);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'a', value: '1' }).execute();
        await trx.insertInto('settings').values({ key: 'a', value: '2' }).execute();
      }),
    ).rejects.toThrow();
    expect(await handle.db.selectFrom('settings').selectAll().execute()).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')(
    'SQLite runs with WAL, foreign keys, a busy timeout, synchronous=NORMAL (commits are synced by WalSync) and no checkpoints in commits',
    async () => {
      const handle = await freshDatabase();
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object,
        )[0] as unknown;
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('wal_autocheckpoint')).toBe(0);
    },
  );

  it.runIf(dialect === 'sqlite')(
    'SQLite commits reach the database file through the checkpoint thread',
    async () => {
      const handle = await freshDatabase();
      await migrateToLatest(handle, logger);
      const file = (await sql<{ file: string }>`pragma database_list`.execute(handle.db)).rows[0]
        ?.file as string;
      const before = statSync(file).size;
      // 120 commits of ~3 KiB: past the checkpoint thread's 100 commits, well under the 1,000
      // pages after which SQLite would have checkpointed inside a commit.
      for (let i = 0; i < 120; i++) {
        await handle.db
          .insertInto('settings')
          .values({ key: `k${i}`, value: 'v'.repeat(3000) })
          .execute();
      }
      const deadline = Date.now() + 10_000;
      while (statSync(file).size === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(statSync(file).size).toBeGreaterThan(before + 120 * 3000);
    },
  );

  it.runIf(dialect === 'sqlite')(
    'SQLite answers a write only once its log is fsynced, and writers at once share fsyncs',
    async () => {
      const handle = await freshDatabase();
      await migrateToLatest(handle, logger);
      // Every FileHandle shares one prototype; counting its fsyncs leaves them happening.
      const probe = await open(os.devNull, 'r');
      const fileHandleSync = vi.spyOn(Object.getPrototypeOf(probe) as FileHandle, 'sync');
      await probe.close();
      try {
        await handle.db.selectFrom('settings').selectAll().execute();
        expect(fileHandleSync).not.toHaveBeenCalled();

        await handle.db.insertInto('settings').values({ key: 'a', value: '1' }).execute();
        expect(fileHandleSync).toHaveBeenCalledTimes(1);

        await handle.db.transaction().execute(async (trx) => {
          await trx.insertInto('settings').values({ key: 'b', value: '1' }).execute();
          await trx.insertInto('settings').values({ key: 'c', value: '1' }).execute();
          expect(fileHandleSync).toHaveBeenCalledTimes(1);
        });
        expect(fileHandleSync).toHaveBeenCalledTimes(2);

        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            handle.db
              .insertInto('settings')
              .values({ key: `burst-${i}`, value: '1' })
              .execute(),
          ),
        );
        // The first starts an fsync; the other nineteen arrive during it and share the next.
        expect(fileHandleSync).toHaveBeenCalledTimes(4);
        expect(await handle.db.selectFrom('settings').select('key').execute()).toHaveLength(23);
      } finally {
        fileHandleSync.mockRestore();
      }
    },
  );

  it.runIf(dialect === 'postgres')(
    'PostgreSQL cancels a statement that runs past the statement timeout',
    async () => {
      const handle = await freshDatabase({ DATABASE_STATEMENT_TIMEOUT_MS: '200' });
      await expect(sql`select pg_sleep(3)`.execute(handle.db)).rejects.toThrow(/statement timeout/);
      await expect(sql`select 1 as one`.execute(handle.db)).resolves.toMatchObject({
        rows: [{ one: 1 }],
      });
    },
  );
});

describe('PostgreSQL start-up', () => {
  it('retries, then gives up with a message naming the server and never the password', async () => {
    const port = await closedPort();
    const logs = new LogCapture();
    const config = loadConfig({
      cwd: scratchDir(),
      env: {
        DATABASE_URL: `postgres://enclave:s3cret-pw-71f2@127.0.0.1:${port}/enclave`,
        DATABASE_CONNECT_RETRY_MS: '600',
      },
    });
    const error = await openDatabase(config.database, createLogger('info', logs)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(
      new RegExp(
        `Could not reach PostgreSQL at 127\\.0\\.0\\.1:${port}/enclave after \\d+ attempts`,
      ),
    );
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Check DATABASE_URL');
    expect(message).not.toContain('s3cret-pw-71f2');
    const retries = logs
      .entries()
      .filter((e) => e.msg === 'PostgreSQL not answering yet; retrying');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(logs.text).not.toContain('s3cret-pw-71f2');
  });

  it.runIf(TEST_DATABASE_URL)(
    'waits for a server that comes up during the retry window (needs TEST_DATABASE_URL)',
    async () => {
      const { TcpProxy } = await import('../../../test/support/tcp-proxy.js');
      const postgres = await createPostgresDatabase();
      cleanups.push(() => postgres.drop());
      const target = new URL(postgres.url);
      const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const port = await closedPort();
      proxy.port = port;
      target.host = `127.0.0.1:${port}`;
      const config = loadConfig({
        cwd: scratchDir(),
        env: { DATABASE_URL: target.toString(), DATABASE_CONNECT_RETRY_MS: '10000' },
      });
      const opening = openDatabase(config.database, logger);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await proxy.start();
      cleanups.push(() => proxy.cut());
      const handle = await opening;
      cleanups.push(() => handle.close());
      await expect(handle.ping()).resolves.toBeUndefined();
    },
  );
});
