/**
 * HTTP benchmark of Enclave against a bare node:http and a bare Fastify server on the same
 * machine, plus start-to-ready time and idle memory. Run with `npm run bench:http`; the figures
 * are printed and written to test-results/bench-http.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idleRssMegabytes } from './lib/enclave.js';
import type { LoadSettings } from './lib/load.js';
import { REPO_ROOT, runBenchmark } from './lib/processes.js';
import { benchmarkStartup, type StartupResult } from './lib/startup.js';
import { fixed, max, median, table, verdict, whole } from './lib/stats.js';
import {
  SERVER_NAMES,
  benchmarkThroughput,
  type ServerName,
  type ThroughputResult,
} from './lib/throughput.js';

const LOAD: LoadSettings = { connections: 50, pipelining: 1, durationSeconds: 5 };
const ROUNDS = 5;
const WARM_UP_SECONDS = 2;
const START_RUNS = 5;
const FILLER_MEGABYTES = 300;
/**
 * Idle RSS is read 30 s after ready: V8 frees start-up's garbage and shrinks the young
 * generation only once allocation has been low for a while (its memory reducer, ~15 s here).
 * The reading 2 s after ready, before that, is printed too.
 */
const RSS_JUST_STARTED_MS = 2_000;
const RSS_IDLE_MS = 30_000;

const TARGETS = {
  minRatioToFastify: 0.8,
  maxStartMs: 1500,
  // "No slower" with room for noise: single starts on this machine vary by tens of percent.
  maxLargeToNormalRatio: 1.1,
  maxIdleRssMiB: 100,
};

/** Everything one run measured, as printed in the summary and written to the JSON file. */
interface Figures {
  throughput: ThroughputResult;
  startup: StartupResult;
  idleRssMiB: number;
  /** RSS 2 s after ready, before V8's idle-time collection. */
  justStartedRssMiB: number;
  checks: Check[];
  /** 1, 5 and 15 minute load averages; other work on this small machine skews every figure. */
  loadAverage: { before: number[]; after: number[] };
}

interface Check {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

interface SourceVersion {
  commit: string | null;
  /** Tracked files under src/, web/ or package.json differ from the commit: dist/ is not it. */
  uncommittedChanges: boolean | null;
}

/** Read-only git queries, so a figure can be traced to the code that produced it. */
function sourceVersion(): SourceVersion {
  const git = (args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  let commit: string | null = null;
  let uncommittedChanges: boolean | null = null;
  try {
    commit = git(['rev-parse', '--short', 'HEAD']).trim();
    git(['diff', '--quiet', 'HEAD', '--', 'src', 'web', 'package.json']);
    uncommittedChanges = false;
  } catch {
    uncommittedChanges = commit === null ? null : true;
  }
  return { commit, uncommittedChanges };
}

function ensureBuilt(): void {
  // The same staleness rule as `npm start`: rebuild when dist/ is older than src/, web/ or
  // package.json. It runs `npm run build` and says so when it does.
  console.log('build: checking dist/ with scripts/ensure-built.mjs');
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const builtAt = statSync(path.join(REPO_ROOT, 'dist/main.js')).mtime;
  const { commit, uncommittedChanges } = sourceVersion();
  console.log(
    `build: dist/main.js is current (built ${builtAt.toISOString()} from ${commit ?? 'unknown commit'}` +
      `${uncommittedChanges ? ' plus uncommitted changes' : ''})`,
  );
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : NaN;
}

/**
 * Enclave's req/s over a reference's, per round, each round's two runs back to back. The
 * headline is their median: this machine's speed drifts by 2× over minutes, so a ratio of
 * whole-run medians can pair a fast minute of one server with a slow minute of the other.
 */
function perRoundRatios(servers: ThroughputResult['servers'], base: ServerName): number[] {
  return servers.enclave.rounds.map((r, i) =>
    ratio(r.requestsPerSecond, servers[base].rounds[i]?.requestsPerSecond ?? NaN),
  );
}

function printThroughput(result: ThroughputResult): void {
  const { servers } = result;
  console.log(
    `\nThroughput: ${LOAD.connections} connections, pipelining ${LOAD.pipelining}, ` +
      `${LOAD.durationSeconds} s per run, medians of ${ROUNDS} rounds in alternating order`,
  );
  const rows = SERVER_NAMES.map((name) => [
    name === 'enclave'
      ? 'enclave /health/live'
      : name === 'fastify+headers'
        ? 'fastify + contract headers'
        : `bare ${name}`,
    whole(servers[name].medianRequestsPerSecond),
    fixed(servers[name].medianP99LatencyMs, 0),
    fixed(servers[name].medianCpuMicrosPerRequest, 1),
    whole(servers[name].failures),
  ]);
  console.log(table(['server', 'req/s', 'p99 ms', 'CPU µs/req', 'failed'], rows));

  const enclave = servers.enclave;
  for (const base of ['fastify', 'fastify+headers', 'node:http'] as const) {
    const perRound = perRoundRatios(servers, base);
    const rps = median(perRound);
    const cpu = ratio(enclave.medianCpuMicrosPerRequest, servers[base].medianCpuMicrosPerRequest);
    console.log(
      `Enclave /health/live ÷ ${base === 'fastify+headers' ? 'Fastify + contract headers' : `bare ${base}`}: req/s ${fixed(rps)}× ` +
        `(median of rounds ${perRound.map((r) => fixed(r)).join(' ')}; ratio of medians ` +
        `${fixed(ratio(enclave.medianRequestsPerSecond, servers[base].medianRequestsPerSecond))}×), ` +
        `CPU per request ${fixed(cpu)}×` +
        (base === 'fastify'
          ? ` — target req/s ≥ ${TARGETS.minRatioToFastify}× ${verdict(rps >= TARGETS.minRatioToFastify)}`
          : ''),
    );
  }
  console.log(
    `Enclave log output at the default level: ${whole(result.enclaveLogBytesPerRequest)} bytes per request`,
  );
}

function checksFor(
  throughput: ThroughputResult,
  startup: StartupResult,
  idleRssMiB: number,
): Check[] {
  const rpsRatio = median(perRoundRatios(throughput.servers, 'fastify'));
  const normalMs = median(startup.normal.map((t) => t.spawnToReadyMs));
  const largeMs = median(startup.large.map((t) => t.spawnToReadyMs));
  const largeRatio = ratio(largeMs, normalMs);
  return [
    {
      name: 'Enclave /health/live req/s ÷ bare Fastify (median of rounds)',
      value: `${fixed(rpsRatio)}×`,
      target: `≥ ${TARGETS.minRatioToFastify}×`,
      met: rpsRatio >= TARGETS.minRatioToFastify,
    },
    {
      name: 'start to ready, existing data dir (median)',
      value: `${whole(normalMs)} ms (max ${whole(max(startup.normal.map((t) => t.spawnToReadyMs)))})`,
      target: `≤ ${whole(TARGETS.maxStartMs)} ms`,
      met: normalMs <= TARGETS.maxStartMs,
    },
    {
      name: `start to ready, ${fixed(startup.databaseMiB, 0)} MiB database (median)`,
      value: `${whole(largeMs)} ms (max ${whole(max(startup.large.map((t) => t.spawnToReadyMs)))}), ${fixed(largeRatio)}× normal`,
      target: `no slower (≤ ${TARGETS.maxLargeToNormalRatio}×)`,
      met: largeRatio <= TARGETS.maxLargeToNormalRatio,
    },
    {
      name: `idle RSS, ${RSS_IDLE_MS / 1000} s after ready`,
      value: `${fixed(idleRssMiB, 1)} MiB`,
      target: `≤ ${TARGETS.maxIdleRssMiB} MiB`,
      met: idleRssMiB <= TARGETS.maxIdleRssMiB,
    },
  ];
}

function printSummary({ throughput, checks, loadAverage }: Figures): void {
  const { servers } = throughput;
  const load = (values: number[]) => values.map((value) => fixed(value)).join(' ');
  console.log('\n=== Summary ===');
  console.log(`load average before ${load(loadAverage.before)}, after ${load(loadAverage.after)}`);
  for (const name of SERVER_NAMES) {
    const s = servers[name];
    console.log(
      `${name.padEnd(15)} ${whole(s.medianRequestsPerSecond)} req/s, p99 ` +
        `${fixed(s.medianP99LatencyMs, 0)} ms, ${fixed(s.medianCpuMicrosPerRequest, 1)} µs CPU/req`,
    );
  }
  console.log(
    table(
      ['figure', 'value', 'target', 'verdict'],
      checks.map((c) => [c.name, c.value, c.target, verdict(c.met)]),
    ),
  );
}

function writeJson(figures: Figures): string {
  const { startup } = figures;
  const file = path.join(REPO_ROOT, 'test-results', 'bench-http.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    source: sourceVersion(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      platform: os.platform(),
      loadAverage: figures.loadAverage,
    },
    settings: { load: LOAD, rounds: ROUNDS, warmUpSeconds: WARM_UP_SECONDS, startRuns: START_RUNS },
    throughput: figures.throughput,
    startup: {
      ...startup,
      normalMedianMs: median(startup.normal.map((t) => t.spawnToReadyMs)),
      largeMedianMs: median(startup.large.map((t) => t.spawnToReadyMs)),
    },
    idleRssMiB: figures.idleRssMiB,
    justStartedRssMiB: figures.justStartedRssMiB,
    targets: TARGETS,
    checks: figures.checks,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

async function main(workDir: string): Promise<void> {
  ensureBuilt();
  const loadBefore = os.loadavg();
  const throughput = await benchmarkThroughput(workDir, LOAD, {
    rounds: ROUNDS,
    warmUpSeconds: WARM_UP_SECONDS,
  });
  printThroughput(throughput);
  console.log('');
  const startup = await benchmarkStartup(workDir, {
    runs: START_RUNS,
    fillerMegabytes: FILLER_MEGABYTES,
  });
  console.log(`idle RSS: starting Enclave and idling ${RSS_IDLE_MS / 1000} s`);
  const [justStartedRssMiB = NaN, idleRssMiB = NaN] = await idleRssMegabytes(
    path.join(workDir, 'start-normal'),
    path.join(workDir, 'idle.log'),
    [RSS_JUST_STARTED_MS, RSS_IDLE_MS],
  );
  console.log(
    `RSS ${fixed(justStartedRssMiB, 1)} MiB ${RSS_JUST_STARTED_MS / 1000} s after ready, ` +
      `${fixed(idleRssMiB, 1)} MiB after ${RSS_IDLE_MS / 1000} s idle`,
  );
  const figures: Figures = {
    throughput,
    startup,
    idleRssMiB,
    justStartedRssMiB,
    checks: checksFor(throughput, startup, idleRssMiB),
    loadAverage: { before: loadBefore, after: os.loadavg() },
  };
  printSummary(figures);
  console.log(`\nwrote ${path.relative(REPO_ROOT, writeJson(figures))}`);
}

await runBenchmark('http', main);
