import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { SimulatorScript } from '../../test/support/upstream-simulator.js';
import { urlOf, waitUntilReady } from './enclave.js';
import { REPO_ROOT, spawnServer, stopServer, waitFor200, type ServerProcess } from './processes.js';

/** The simulator's models: each measurement picks its reply shape by model name. */
export const SIM_MODELS = {
  /** A short reply, first token at once: time to first token. */
  short: 'sim-short',
  /** A long reply as fast as the simulator can send it: streaming throughput. */
  long: 'sim-long',
  /**
   * 20 tokens 40 ms apart (25 tokens/s): time to first token while many streams are in flight.
   * About what a local model streams to each of many users at once; 100 such streams are
   * 2,500 tokens/s through Enclave, more than one box's GPU serves.
   */
  steady: 'sim-steady',
} as const;

/** How long a `sim-steady` reply streams. */
export const STEADY_REPLY_MS = 800;

export const LONG_REPLY_TOKENS = 2_000;

const SIM_SCRIPTS: Record<string, SimulatorScript> = {
  // Five tokens 2 ms apart, so the first one travels on its own rather than in one burst.
  [SIM_MODELS.short]: { tokens: 5, firstTokenDelayMs: 0, tokenDelayMs: 2 },
  [SIM_MODELS.long]: { tokens: LONG_REPLY_TOKENS, firstTokenDelayMs: 0, tokenDelayMs: 0 },
  [SIM_MODELS.steady]: { tokens: 20, firstTokenDelayMs: 0, tokenDelayMs: STEADY_REPLY_MS / 20 },
};

export const PASSWORD = 'benchmark pass phrase long';
const ENCLAVE_SCRIPT = path.join(REPO_ROOT, 'dist/main.js');
/** Enclave with streaming text written only when a generation ends (the baseline of (b)). */
export const WRITES_OFF_SCRIPT = path.join(
  REPO_ROOT,
  'bench/servers/enclave-stream-writes-off.mjs',
);

/** The upstream simulator in a process of its own (TypeScript, so through tsx's loader). */
export async function spawnSimulator(workDir: string): Promise<ServerProcess> {
  const server = await spawnServer({
    name: 'simulator',
    script: path.join(REPO_ROOT, 'bench/servers/simulator.ts'),
    // `--import tsx` resolves from the working directory, the repository root.
    env: { NODE_OPTIONS: '--import tsx', SIM_MODELS: JSON.stringify(SIM_SCRIPTS) },
    logFile: path.join(workDir, 'simulator.log'),
  });
  await waitFor200(server, urlOf(server, '/'), { intervalMs: 20, timeoutMs: 30_000 });
  return server;
}

/**
 * Settings that keep Enclave's guards out of a load test's way: the fair queue (one upstream
 * call at a time by default), the per-address rate limit and the per-user socket limits.
 */
export function chatEnv(simulator: ServerProcess): Record<string, string> {
  return {
    OLLAMA_URL: urlOf(simulator, ''),
    UPSTREAM_CONCURRENCY: '1000',
    RATE_LIMIT_MAX: '1000000',
    WS_MAX_CONNECTIONS_PER_USER: '10000', // the most the config accepts
    WS_MESSAGES_PER_MINUTE: '100000',
    ENCLAVE_DEFAULT_MODEL: SIM_MODELS.short,
  };
}

export interface ChatEnclave {
  server: ServerProcess;
  dataDir: string;
  accessToken: string;
}

/**
 * Starts Enclave (`dist/main.js`, or `script`) on a fresh data dir, creates the admin with the
 * setup code and signs in. Like `spawnEnclave`, its working directory is the data dir's parent
 * so no `.env` of the repository leaks in.
 */
export async function startChatEnclave(options: {
  name: string;
  workDir: string;
  env: Record<string, string>;
  script?: string;
}): Promise<ChatEnclave> {
  const dataDir = path.join(options.workDir, `${options.name}-data`);
  mkdirSync(dataDir, { recursive: true });
  const server = await spawnServer({
    name: options.name,
    script: options.script ?? ENCLAVE_SCRIPT,
    env: { ENCLAVE_DATA_DIR: dataDir, ...options.env },
    logFile: path.join(options.workDir, `${options.name}.log`),
    cwd: path.dirname(dataDir),
  });
  try {
    await waitUntilReady(server);
    const setupCode = readFileSync(path.join(dataDir, 'setup-code'), 'utf8').trim();
    const setup = await postJson(server, '/api/setup', {
      setupCode,
      username: 'bench',
      password: PASSWORD,
    });
    return { server, dataDir, accessToken: String(setup.accessToken) };
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

export async function postJson(
  server: ServerProcess,
  pathname: string,
  body: object,
  token?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(urlOf(server, pathname), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** `count` new conversations of the admin, `parallel` requests at a time; their ids in order. */
export async function createConversations(
  enclave: ChatEnclave,
  count: number,
  parallel = 8,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const created = await postJson(
        enclave.server,
        '/api/conversations',
        { title: `bench ${index}` },
        enclave.accessToken,
      );
      ids[index] = String(created.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return ids;
}

/** The metrics token Enclave generated in its data dir (for GET /metrics). */
export function metricsToken(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'metrics-token'), 'utf8').trim();
}

const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database for one run; `drop` removes it (and any connection to it). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `enclave_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}
