import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LOOPBACK = '127.0.0.1';

export interface ServerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly logFile: string;
  /** performance.now() just before spawn(), the zero of start-up timings. */
  readonly spawnedAt: number;
  readonly exited: Promise<void>;
}

export interface SpawnSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Where stdout and stderr go: a file, so no pipe back to us can fill up and block the server. */
  logFile: string;
  cwd?: string;
}

const running = new Set<ChildProcess>();

/**
 * Extra Node flags for every server a benchmark starts, from `BENCH_NODE_ARGS` (space-separated),
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to see where a figure's time goes: Node does not
 * take `--cpu-prof` from NODE_OPTIONS. Figures measured so are not comparable to plain runs.
 */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** A port the OS just handed out on loopback; the tiny race before reuse is acceptable here. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** Spawns `node <script>` directly (no shell), so the pid is the server's own for /proc reads. */
export async function spawnServer(spec: SpawnSpec): Promise<ServerProcess> {
  const port = await freePort();
  const fd = openSync(spec.logFile, 'a');
  let child: ChildProcess;
  const spawnedAt = performance.now();
  try {
    child = spawn(process.execPath, [...NODE_ARGS, spec.script], {
      cwd: spec.cwd ?? REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...spec.env, PORT: String(port), HOST: LOOPBACK },
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`${spec.name}: spawn failed`);
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  return { name: spec.name, child, pid: child.pid, port, logFile: spec.logFile, spawnedAt, exited };
}

/** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
export async function stopServer(server: ServerProcess, graceMs = 15_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

/** Last resort on exit paths where awaiting is impossible (process 'exit', signals). */
export function killAllChildrenNow(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Runs a benchmark in a scratch directory of its own (`enclave-bench-<name>-…` under the
 * system's temporary directory). Whatever way the run ends (done, failed, Ctrl-C), its
 * servers are killed and the directory removed; a failure sets exit code 1.
 */
export async function runBenchmark(
  name: string,
  main: (workDir: string) => Promise<void>,
): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `enclave-bench-${name}-`));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', killAllChildrenNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildrenNow();
      removeWorkDir();
      process.exit(130);
    });
  }
  try {
    await main(workDir);
  } catch (error) {
    console.error(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  } finally {
    killAllChildrenNow();
    removeWorkDir();
  }
}

/** Resolves with the status code, or null when nothing answered (not listening yet). */
export function httpStatus(url: string, timeoutMs = 1000): Promise<number | null> {
  return new Promise((resolve) => {
    // agent: false so a poll never reuses a socket opened before the server was ready.
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? null));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(null));
  });
}

/** Polls until the URL answers 200; fails early if the server process dies. */
export async function waitFor200(
  server: ServerProcess,
  url: string,
  options: { intervalMs: number; timeoutMs: number },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} exited before answering; see ${server.logFile}`);
    }
    if ((await httpStatus(url)) === 200) return;
    await sleep(options.intervalMs);
  }
  throw new Error(`${server.name} did not answer 200 on ${url} within ${options.timeoutMs} ms`);
}

export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a stat file, in clock ticks. */
function ticksOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may contain spaces, so count fields from its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** utime + stime of every thread of the process, in clock ticks. */
export function cpuTicks(pid: number): number {
  return ticksOf(`/proc/${pid}/stat`);
}

/** utime + stime of the process's main thread (a Node process's event loop), in clock ticks. */
export function mainThreadCpuTicks(pid: number): number {
  return ticksOf(`/proc/${pid}/task/${pid}/stat`);
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}
