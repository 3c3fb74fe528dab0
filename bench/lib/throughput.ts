import { statSync } from 'node:fs';
import path from 'node:path';
import { spawnEnclave, urlOf } from './enclave.js';
import { runLoad, type LoadResult, type LoadSettings } from './load.js';
import {
  REPO_ROOT,
  clockTicksPerSecond,
  spawnServer,
  stopServer,
  waitFor200,
  type ServerProcess,
} from './processes.js';
import { fixed, median, whole } from './stats.js';

export type ServerName = 'node:http' | 'fastify' | 'fastify+headers' | 'enclave';

/**
 * Every server, in the order they are printed and loaded in odd rounds (even rounds go in
 * reverse): bare Fastify and Enclave, the pair the target compares, always run back to back.
 */
export const SERVER_NAMES: readonly ServerName[] = [
  'node:http',
  'fastify+headers',
  'fastify',
  'enclave',
];

export interface ServerSummary {
  rounds: LoadResult[];
  medianRequestsPerSecond: number;
  medianP99LatencyMs: number;
  medianCpuMicrosPerRequest: number;
  failures: number;
}

export interface ThroughputResult {
  servers: Record<ServerName, ServerSummary>;
  /** Enclave's log output per request at the default level, to size the logging share. */
  enclaveLogBytesPerRequest: number;
}

interface Target {
  name: ServerName;
  server: ServerProcess;
  url: string;
}

const START_TIMEOUT_MS = 30_000;

/** Fills `targets` as servers start, so the caller can stop them even if a later one fails. */
async function startTargets(workDir: string, targets: Target[]): Promise<void> {
  for (const [name, script] of [
    ['node:http', 'bench/servers/bare-node.mjs'],
    ['fastify+headers', 'bench/servers/fastify-contract-headers.mjs'],
    ['fastify', 'bench/servers/bare-fastify.mjs'],
  ] as const) {
    const server = await spawnServer({
      name,
      script: path.join(REPO_ROOT, script),
      env: {},
      logFile: path.join(workDir, `${name.replace(/[:+]/g, '-')}.log`),
    });
    targets.push({ name, server, url: urlOf(server, '/') });
  }
  const enclave = await spawnEnclave(
    path.join(workDir, 'throughput-data'),
    path.join(workDir, 'enclave-throughput.log'),
  );
  targets.push({ name: 'enclave', server: enclave, url: urlOf(enclave, '/health/live') });
  for (const target of targets) {
    await waitFor200(target.server, target.url, { intervalMs: 20, timeoutMs: START_TIMEOUT_MS });
  }
}

function summarize(rounds: LoadResult[]): ServerSummary {
  return {
    rounds,
    medianRequestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    medianP99LatencyMs: median(rounds.map((r) => r.p99LatencyMs)),
    medianCpuMicrosPerRequest: median(rounds.map((r) => r.cpuMicrosPerRequest)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

/**
 * All the servers run side by side for the whole phase and are loaded in turn, round after
 * round, in alternating order, so a slow minute on this shared machine hits every server
 * rather than one of them, and a ratio taken within one round compares neighbours in time.
 */
export async function benchmarkThroughput(
  workDir: string,
  settings: LoadSettings,
  options: { rounds: number; warmUpSeconds: number },
): Promise<ThroughputResult> {
  const ticksPerSecond = clockTicksPerSecond();
  const targets: Target[] = [];
  try {
    await startTargets(workDir, targets);
    let enclaveRequests = 0;
    for (const target of targets) {
      const warm = { ...settings, durationSeconds: options.warmUpSeconds };
      const result = await runLoad(target.server, target.url, warm, ticksPerSecond);
      if (target.name === 'enclave') enclaveRequests += result.requests;
      console.log(`warm-up: ${target.name} ${whole(result.requestsPerSecond)} req/s (not counted)`);
    }
    const rounds = new Map<ServerName, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= options.rounds; round += 1) {
      const order = round % 2 === 1 ? targets : [...targets].reverse();
      for (const target of order) {
        const result = await runLoad(target.server, target.url, settings, ticksPerSecond);
        rounds.get(target.name)?.push(result);
        if (target.name === 'enclave') enclaveRequests += result.requests;
        console.log(
          `round ${round}/${options.rounds}: ${target.name.padEnd(15)} ` +
            `${whole(result.requestsPerSecond).padStart(7)} req/s, ` +
            `p99 ${fixed(result.p99LatencyMs, 0)} ms, ` +
            `${fixed(result.cpuMicrosPerRequest, 1)} µs CPU/req` +
            (result.failures > 0 ? `, ${whole(result.failures)} FAILED requests` : ''),
        );
      }
    }
    const enclave = targets.find((t) => t.name === 'enclave');
    const logBytes = enclave ? statSync(enclave.server.logFile).size : 0;
    return {
      servers: {
        'node:http': summarize(rounds.get('node:http') ?? []),
        fastify: summarize(rounds.get('fastify') ?? []),
        'fastify+headers': summarize(rounds.get('fastify+headers') ?? []),
        enclave: summarize(rounds.get('enclave') ?? []),
      },
      enclaveLogBytesPerRequest: enclaveRequests > 0 ? logBytes / enclaveRequests : NaN,
    };
  } finally {
    await Promise.all(targets.map((t) => stopServer(t.server)));
  }
}
