import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dialect, removeDir, tempDir } from '../support/test-env.js';
import { dialectEnv, startServerProcess } from './server-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function slowServer(env: Record<string, string> = {}) {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const database = await dialectEnv();
  cleanups.push(database.drop);
  const dataDir = path.join(dir, 'data');
  const server = await startServerProcess(
    { ENCLAVE_DATA_DIR: dataDir, ...database.env, ...env },
    'test/fixtures/slow-route-server.ts',
  );
  cleanups.push(() => void server.child.kill('SIGKILL'));
  return { server, dataDir };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the server has begun the slow request (a fixed sleep raced on a slow runner). */
async function slowRequestStarted(server: { stdout(): string }): Promise<void> {
  await expect
    .poll(() => server.stdout().includes('"msg":"slow request started"'), { timeout: 20_000 })
    .toBe(true);
}

// Each test starts a server process on a database of its own: on a loaded runner, with
// PostgreSQL, that alone took over 15 s.
describe(`graceful shutdown of a real server process (${dialect})`, { timeout: 90_000 }, () => {
  it('on SIGTERM finishes the in-flight request, refuses new connections, closes the database and exits 0', async () => {
    const { server, dataDir } = await slowServer();
    const inFlight = fetch(`${server.url}/test/slow?ms=1500`);
    await slowRequestStarted(server);
    server.child.kill('SIGTERM');
    await sleep(200);
    const late = await fetch(`${server.url}/health/live`).then(
      (response) => response.status,
      (error: Error) => (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.message,
    );
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(late);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    const exit = await server.exited;
    expect(exit.code, server.stdout() + server.stderr()).toBe(0);
    expect(server.stdout()).toContain('"msg":"stopped"');
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    if (dialect === 'sqlite') expect(existsSync(path.join(dataDir, 'enclave.db-wal'))).toBe(false);
  });

  it('a second signal exits at once, without waiting for in-flight requests', async () => {
    const { server } = await slowServer();
    const inFlight = fetch(`${server.url}/test/slow?ms=20000`).catch(() => 'aborted');
    await slowRequestStarted(server);
    server.child.kill('SIGTERM');
    await sleep(300);
    server.child.kill('SIGINT');
    const exit = await server.exited;
    // It left on the second signal, not at the end of the (10 s) shutdown timeout.
    const output = server.stdout() + server.stderr();
    expect(output).toContain('second SIGINT, exiting');
    expect(output).not.toContain('killed by timeout');
    expect(exit.code).toBe(1);
    expect(await inFlight).toBe('aborted');
  });

  it('does not wait longer than SHUTDOWN_TIMEOUT_MS for a request that will not finish', async () => {
    const { server } = await slowServer({ SHUTDOWN_TIMEOUT_MS: '700' });
    const inFlight = fetch(`${server.url}/test/slow?ms=20000`).catch(() => 'aborted');
    await slowRequestStarted(server);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.stdout() + server.stderr()).toContain('killed by timeout (700ms)');
    expect(server.stdout()).not.toContain('"msg":"stopped"');
    expect(await inFlight).toBe('aborted');
  });
});
