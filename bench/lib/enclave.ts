import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  LOOPBACK,
  REPO_ROOT,
  rssMegabytes,
  spawnServer,
  stopServer,
  waitFor200,
  type ServerProcess,
} from './processes.js';

const READY_POLL_MS = 5;
const START_TIMEOUT_MS = 30_000;

export interface StartTiming {
  /** Spawn to the first 200 from /health/ready, measured from outside. */
  spawnToReadyMs: number;
  /** The server's own `readyInMs` log field (process start to listening), for comparison. */
  loggedReadyInMs: number | null;
}

/**
 * Enclave exactly as it ships: `node dist/main.js`, defaults for everything except the data dir
 * (and the port and loopback host the harness assigns). Its working directory is the data
 * dir's parent so no `.env` of the repository leaks into the measured configuration.
 */
export function spawnEnclave(
  dataDir: string,
  logFile: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  mkdirSync(dataDir, { recursive: true });
  return spawnServer({
    name: 'enclave',
    script: path.join(REPO_ROOT, 'dist/main.js'),
    env: { ENCLAVE_DATA_DIR: dataDir, ...env },
    logFile,
    cwd: path.dirname(dataDir),
  });
}

export function urlOf(server: ServerProcess, pathname: string): string {
  return `http://${LOOPBACK}:${server.port}${pathname}`;
}

export async function waitUntilReady(server: ServerProcess): Promise<void> {
  await waitFor200(server, urlOf(server, '/health/ready'), {
    intervalMs: READY_POLL_MS,
    timeoutMs: START_TIMEOUT_MS,
  });
}

/** One start on a fresh dir, so later starts find migrations applied and secrets generated. */
export async function primeDataDir(dataDir: string, logFile: string): Promise<void> {
  const server = await spawnEnclave(dataDir, logFile);
  try {
    await waitUntilReady(server);
  } finally {
    await stopServer(server);
  }
}

export async function timeStartToReady(dataDir: string, logFile: string): Promise<StartTiming> {
  const server = await spawnEnclave(dataDir, logFile);
  try {
    await waitUntilReady(server);
    const spawnToReadyMs = performance.now() - server.spawnedAt;
    return { spawnToReadyMs, loggedReadyInMs: await loggedReadyInMs(logFile) };
  } finally {
    await stopServer(server);
  }
}

/**
 * The server may answer a probe a moment before its "ready" line is written (the line follows
 * `listen()`), so give the line a short while to appear.
 */
async function loggedReadyInMs(logFile: string): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const logged = lastLoggedReadyInMs(logFile);
    if (logged !== null) return logged;
    await sleep(10);
  }
  return null;
}

function lastLoggedReadyInMs(logFile: string): number | null {
  const lines = readFileSync(logFile, 'utf8').trim().split('\n').reverse();
  for (const line of lines) {
    if (!line.includes('Enclave is ready')) continue;
    try {
      const entry = JSON.parse(line) as { readyInMs?: unknown };
      return typeof entry.readyInMs === 'number' ? entry.readyInMs : null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Grows the database by about `megabytes` MiB of rows in one transaction, in a table Enclave
 * does not know, to show whether start-up cost grows with the database (it should not).
 */
export function fillDatabase(file: string, megabytes: number): void {
  const rowBytes = 16 * 1024;
  const rows = Math.ceil((megabytes * 1024 * 1024) / rowBytes);
  // Random, so no layer underneath can shrink it; one buffer reused, since SQLite copies it.
  const payload = randomBytes(rowBytes);
  const database = new Database(file);
  try {
    database.exec('create table bench_filler (id integer primary key, payload blob not null)');
    const insert = database.prepare('insert into bench_filler (payload) values (?)');
    database.transaction(() => {
      for (let row = 0; row < rows; row += 1) insert.run(payload);
    })();
  } finally {
    database.close();
  }
  // Flush now, so writing back 300 MB of dirty pages is not charged to the next start.
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** RSS of a server that started and then served nothing, read at each of `atMs` after ready. */
export async function idleRssMegabytes(
  dataDir: string,
  logFile: string,
  atMs: readonly number[],
): Promise<number[]> {
  const server = await spawnEnclave(dataDir, logFile);
  try {
    await waitUntilReady(server);
    const readyAt = performance.now();
    const readings: number[] = [];
    for (const at of atMs) {
      await sleep(Math.max(0, readyAt + at - performance.now()));
      readings.push(rssMegabytes(server.pid));
    }
    return readings;
  } finally {
    await stopServer(server);
  }
}
