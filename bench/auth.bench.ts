/**
 * Authentication benchmark: authenticated `GET /api/auth/me` with an access token and with an
 * API key against `/health/live` on the same server, and `/health/live` p99 at a fixed request
 * rate while 20 sign-ins (argon2id) run at once, against its p99 at rest. Run with
 * `npm run bench:auth` (`-- --only me` or `-- --only p99` for one part); the figures are
 * printed and written to test-results/bench-auth.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnEnclave, urlOf, waitUntilReady } from './lib/enclave.js';
import { probeLatency, type ProbeResult, type ProbeSettings } from './lib/fixed-rate-probe.js';
import { runLoad, type LoadResult, type LoadSettings } from './lib/load.js';
import {
  REPO_ROOT,
  clockTicksPerSecond,
  mainThreadCpuTicks,
  runBenchmark,
  spawnServer,
  stopServer,
  waitFor200,
  type ServerProcess,
} from './lib/processes.js';
import { ratioOfRounds } from './lib/chat-report.js';
import { fixed, median, table, verdict, whole } from './lib/stats.js';

const LOAD: LoadSettings = { connections: 50, pipelining: 1, durationSeconds: 5 };
const ROUNDS = 5;
const CONCURRENT_LOGINS = 20;
/** A probe's load, not a saturating one: see bench/lib/fixed-rate-probe.ts. */
const PROBE: ProbeSettings = { rate: 1000, durationSeconds: 5, connections: 10 };
const PROBE_RUNS = 5;
const TARGETS = { minRatioToLive: 0.6, maxP99RatioUnderLogins: 2 };
const PASSWORD = 'benchmark pass phrase long';
const TICKS_PER_SECOND = clockTicksPerSecond();

type Side = 'live' | 'me (access token)' | 'me (API key)';

async function post(
  server: ServerProcess,
  pathname: string,
  body: object,
  headers: Record<string, string> = {},
) {
  const response = await fetch(urlOf(server, pathname), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function credentials(server: ServerProcess, dataDir: string) {
  const setupCode = readFileSync(path.join(dataDir, 'setup-code'), 'utf8').trim();
  const setup = await post(server, '/api/setup', {
    setupCode,
    username: 'bench',
    password: PASSWORD,
  });
  const accessToken = String(setup.accessToken);
  const key = await post(
    server,
    '/api/keys',
    { name: 'bench', scopes: ['chat'] },
    { authorization: `Bearer ${accessToken}` },
  );
  return { accessToken, apiKey: String(key.key) };
}

/** Sign-ins running at once in a child process; `stop()` ends them and says how many finished. */
async function startSignIns(server: ServerProcess): Promise<{ stop(): Promise<number> }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bench/clients/sign-in-loops.mjs')], {
    env: {
      ...process.env,
      ORIGIN: urlOf(server, ''),
      LOOPS: String(CONCURRENT_LOGINS),
      USERNAME: 'bench',
      PASSWORD,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  while (!output.includes('ready\n')) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    async stop() {
      child.stdin.end();
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`sign-in loops failed (exit ${code})`);
      return Number(output.replace('ready\n', '').trim());
    },
  };
}

/** The probe's answers from Enclave's /health/live and from the reference server, in turn. */
interface ProbePair {
  enclave: ProbeResult;
  reference: ProbeResult;
  /** CPU time of Enclave's event-loop thread over the pair, in ms. */
  enclaveMainThreadMs: number;
  /** Sign-ins completed over the pair (0 at rest). */
  signIns: number;
}

/**
 * Probes Enclave's /health/live, then the reference (a bare Fastify server in a process of its
 * own), with or without sign-ins running against Enclave. The reference shares nothing with
 * Enclave but the machine: what the sign-ins do to its p99 is what they do to this machine's
 * two cores (argon2, the sign-in client, the probe), not what they do to Enclave's event loop.
 */
async function probeBoth(
  server: ServerProcess,
  reference: ServerProcess,
  withLogins: boolean,
): Promise<ProbePair> {
  const ticksBefore = mainThreadCpuTicks(server.pid);
  const signIns = withLogins ? await startSignIns(server) : null;
  const enclave = await probeLatency(urlOf(server, '/health/live'), PROBE);
  const referenceResult = await probeLatency(urlOf(reference, '/'), PROBE);
  const completed = signIns ? await signIns.stop() : 0;
  const enclaveMainThreadMs =
    ((mainThreadCpuTicks(server.pid) - ticksBefore) / TICKS_PER_SECOND) * 1000;
  if (signIns) console.log(`  (${completed} sign-ins completed during the run)`);
  if (enclave.failures > 0) throw new Error(`/health/live: ${enclave.failures} failed probes`);
  if (referenceResult.failures > 0) throw new Error(`reference: failed probes`);
  return { enclave, reference: referenceResult, enclaveMainThreadMs, signIns: completed };
}

interface Check {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

/** req/s of GET /api/auth/me (access token, API key) ÷ /health/live, alternating the sides. */
async function throughputPart(
  server: ServerProcess,
  credentials: { accessToken: string; apiKey: string },
): Promise<{ results: Record<Side, LoadResult[]>; checks: Check[] }> {
  const sides: Record<Side, { url: string; headers: Record<string, string> }> = {
    live: { url: urlOf(server, '/health/live'), headers: {} },
    'me (access token)': {
      url: urlOf(server, '/api/auth/me'),
      headers: { authorization: `Bearer ${credentials.accessToken}` },
    },
    'me (API key)': {
      url: urlOf(server, '/api/auth/me'),
      headers: { authorization: `Bearer ${credentials.apiKey}` },
    },
  };
  const names = Object.keys(sides) as Side[];
  const results = Object.fromEntries(names.map((n) => [n, [] as LoadResult[]])) as Record<
    Side,
    LoadResult[]
  >;
  for (const name of names) {
    const side = sides[name];
    await runLoad(
      server,
      side.url,
      { ...LOAD, durationSeconds: 2 },
      TICKS_PER_SECOND,
      side.headers,
    );
  }
  for (let round = 1; round <= ROUNDS; round += 1) {
    const order = round % 2 === 1 ? names : [...names].reverse();
    for (const name of order) {
      const side = sides[name];
      const result = await runLoad(server, side.url, LOAD, TICKS_PER_SECOND, side.headers);
      if (result.failures > 0) throw new Error(`${name}: ${result.failures} failed requests`);
      results[name].push(result);
      console.log(
        `round ${round}/${ROUNDS}: ${name.padEnd(18)} ${whole(result.requestsPerSecond).padStart(7)} req/s, ` +
          `p99 ${fixed(result.p99LatencyMs, 0)} ms, ${fixed(result.cpuMicrosPerRequest, 1)} µs CPU/req`,
      );
    }
  }
  const ratios = (name: Side) =>
    results[name].map((r, i) => r.requestsPerSecond / (results.live[i]?.requestsPerSecond ?? NaN));
  const rows = names.map((name) => [
    name,
    whole(median(results[name].map((r) => r.requestsPerSecond))),
    fixed(median(results[name].map((r) => r.p99LatencyMs)), 0),
    fixed(median(results[name].map((r) => r.cpuMicrosPerRequest)), 1),
    name === 'live' ? '1.00×' : `${fixed(median(ratios(name)))}×`,
  ]);
  console.log(
    `\n${table(['route', 'req/s', 'p99 ms', 'CPU µs/req', '÷ live (median of rounds)'], rows)}\n`,
  );
  const checks = (['me (access token)', 'me (API key)'] as const).map((name) => ({
    name: `${name} req/s ÷ /health/live`,
    value: ratioOfRounds(ratios(name)),
    target: `≥ ${TARGETS.minRatioToLive}×`,
    met: median(ratios(name)) >= TARGETS.minRatioToLive,
  }));
  return { results, checks };
}

/** /health/live p99 at a fixed rate with sign-ins running ÷ at rest, alternating. */
async function latencyPart(
  server: ServerProcess,
  workDir: string,
): Promise<{ rest: ProbePair[]; busy: ProbePair[]; checks: Check[] }> {
  console.log(
    `/health/live latency at ${PROBE.rate} req/s over ${PROBE.connections} connections, at rest and with ${CONCURRENT_LOGINS} sign-ins at once (${PROBE_RUNS} runs each), and the same for a bare Fastify server in its own process`,
  );
  const reference = await spawnServer({
    name: 'fastify',
    script: path.join(REPO_ROOT, 'bench/servers/bare-fastify.mjs'),
    env: {},
    logFile: path.join(workDir, 'reference-fastify.log'),
  });
  try {
    await waitFor200(reference, urlOf(reference, '/'), { intervalMs: 20, timeoutMs: 30_000 });
    await probeBoth(server, reference, false);
    const rest: ProbePair[] = [];
    const busy: ProbePair[] = [];
    const p50p99 = (r: ProbeResult) => `${fixed(r.p50Ms, 3)}/${fixed(r.p99Ms, 3)}`;
    for (let run = 1; run <= PROBE_RUNS; run += 1) {
      const atRest = await probeBoth(server, reference, false);
      const withLogins = await probeBoth(server, reference, true);
      rest.push(atRest);
      busy.push(withLogins);
      console.log(
        `run ${run}/${PROBE_RUNS}: p50/p99 ms, Enclave at rest ${p50p99(atRest.enclave)}, with sign-ins ${p50p99(withLogins.enclave)}; ` +
          `bare Fastify at rest ${p50p99(atRest.reference)}, with sign-ins ${p50p99(withLogins.reference)}`,
      );
    }
    const p99Of = (pairs: ProbePair[], side: 'enclave' | 'reference') =>
      median(pairs.map((pair) => pair[side].p99Ms));
    const restP99 = p99Of(rest, 'enclave');
    const busyP99 = p99Of(busy, 'enclave');
    const p99Ratio = busyP99 / restP99;
    const referenceRatio = p99Of(busy, 'reference') / p99Of(rest, 'reference');
    console.log(
      `bare Fastify in its own process (shares only the machine with Enclave): p99 with the sign-ins ÷ at rest ${fixed(referenceRatio)}× ` +
        `(${fixed(p99Of(busy, 'reference'), 3)} ms vs ${fixed(p99Of(rest, 'reference'), 3)} ms)`,
    );
    // What each sign-in costs Enclave's event loop (its probe requests taken out with the run at
    // rest before it): the share of a core that competes with every request, and the figure to
    // lower while argon2 itself runs in an idle-priority process.
    const perSignIn = busy.map(
      (pair, i) => (pair.enclaveMainThreadMs - (rest[i]?.enclaveMainThreadMs ?? 0)) / pair.signIns,
    );
    console.log(
      `Enclave's event-loop thread: ${fixed(median(perSignIn), 2)} ms of CPU per sign-in ` +
        `(median of runs: ${perSignIn.map((ms) => fixed(ms, 2)).join(' ')})`,
    );
    return {
      rest,
      busy,
      checks: [
        {
          name: `/health/live p99 with ${CONCURRENT_LOGINS} sign-ins ÷ at rest`,
          value: `${fixed(p99Ratio)}× (${fixed(busyP99, 3)} ms vs ${fixed(restP99, 3)} ms; bare Fastify beside it ${fixed(referenceRatio)}×)`,
          target: `≤ ${TARGETS.maxP99RatioUnderLogins}×`,
          met: p99Ratio <= TARGETS.maxP99RatioUnderLogins,
        },
      ],
    };
  } finally {
    await stopServer(reference);
  }
}

async function main(workDir: string, only: string | undefined): Promise<void> {
  console.log('build: scripts/ensure-built.mjs');
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const dataDir = path.join(workDir, 'data');
  const server = await spawnEnclave(dataDir, path.join(workDir, 'enclave.log'), {
    // The global per-address limit would answer most of this load with 429: the highest limit
    // over a one-second window lets it all through (it is still counted, as for any client).
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_WINDOW_MS: '1000',
    TRUST_PROXY: '127.0.0.1',
  });
  try {
    await waitUntilReady(server);
    const keys = await credentials(server, dataDir);
    const throughput = only === 'p99' ? null : await throughputPart(server, keys);
    const latency = only === 'me' ? null : await latencyPart(server, workDir);
    const checks = [...(throughput?.checks ?? []), ...(latency?.checks ?? [])];
    console.log(
      `\n${table(
        ['figure', 'value', 'target', 'verdict'],
        checks.map((c) => [c.name, c.value, c.target, verdict(c.met)]),
      )}`,
    );
    const file = path.join(REPO_ROOT, 'test-results', 'bench-auth.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          settings: { LOAD, PROBE, CONCURRENT_LOGINS },
          throughput: throughput?.results,
          latency: latency && { rest: latency.rest, busy: latency.busy },
          checks,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwrote ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await stopServer(server);
  }
}

function onlyPart(args: readonly string[]): string | undefined {
  const flag = args.indexOf('--only');
  const part = flag === -1 ? undefined : args[flag + 1];
  if (part !== undefined && part !== 'me' && part !== 'p99') {
    throw new Error(`--only takes "me" or "p99", not ${JSON.stringify(part)}`);
  }
  return part;
}

const only = onlyPart(process.argv.slice(2));
await runBenchmark('auth', (workDir) => main(workDir, only));
