import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startUpstreamSimulator,
  type SimulatorScript,
  type UpstreamSimulator,
} from '../../support/upstream-simulator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Browser tests run on SQLite only; the PostgreSQL + Redis pass of CI skips them. */
export const E2E_SKIPPED = Boolean(process.env.TEST_DATABASE_URL);

export interface E2eServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** From the server's `Setup code:` line. */
  setupCode: string;
  simulator: UpstreamSimulator;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<E2eServer>();

/** The servers this test file started and has not stopped yet. */
export function runningServers(): ReadonlySet<E2eServer> {
  return running;
}

/**
 * Starts the built server (`node dist/main.js`) as an operator would, on a free port with a
 * fresh data dir, its Ollama upstream the protocol simulator (tokens a little apart, so a
 * stream is visible), and reads the setup code from its output.
 */
export async function startE2eServer(
  options: { script?: SimulatorScript; env?: Record<string, string> } = {},
): Promise<E2eServer> {
  const simulator = await startUpstreamSimulator({
    script: { tokenDelayMs: 15, ...options.script },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'enclave-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      ENCLAVE_DATA_DIR: dataDir,
      OLLAMA_URL: simulator.url,
      // A test runner that starves this process for a second must not make it refuse requests
      // as overloaded; back-pressure has tests of its own.
      MAX_EVENT_LOOP_DELAY_MS: '30000',
      // The simulator answers from the test's own process, which a loaded runner can stall
      // for longer than the default 2 s; a chat would then start without the model list.
      UPSTREAM_LIST_TIMEOUT_MS: '15000',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(() => /Enclave is ready/.test(output) || child.exitCode !== null, 30_000);
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const setupCode = /^Setup code: (\S+)$/m.exec(output)?.[1] ?? '';
  const server: E2eServer = {
    url: `http://127.0.0.1:${port}`,
    setupCode,
    simulator,
    output: () => output,
    async stop() {
      running.delete(server);
      await stop();
    },
  };
  running.add(server);
  return server;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
