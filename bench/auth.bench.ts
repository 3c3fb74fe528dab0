/**
 * Authentication benchmark: authenticated `GET /api/auth/me` with an access token and with an
 * API key against `/health/live` on the same server, and `/health/live` p99 while 20 sign-ins
 * (argon2id) run at once, against its p99 at rest. Run with `npm run bench:auth`; the figures
 * are printed and written to test-results/bench-auth.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { spawnEnclave, urlOf, waitUntilReady } from './lib/enclave.js';
import { runLoad, type LoadResult, type LoadSettings } from './lib/load.js';
import {
  REPO_ROOT,
  clockTicksPerSecond,
  killAllChildrenNow,
  stopServer,
  type ServerProcess,
} from './lib/processes.js';
import { fixed, median, table, verdict, whole } from './lib/stats.js';

const LOAD: LoadSettings = { connections: 50, pipelining: 1, durationSeconds: 5 };
const ROUNDS = 5;
const CONCURRENT_LOGINS = 20;
const TARGETS = { minRatioToLive: 0.6, maxP99RatioUnderLogins: 2 };
const PASSWORD = 'benchmark pass phrase long';

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

/** `/health/live` p99 with 10 connections for 5 s, optionally with sign-ins running beside. */
async function liveP99(server: ServerProcess, withLogins: boolean): Promise<number> {
  let stop = false;
  let logins = 0;
  // Each loop signs in from an address of its own (through the trusted proxy header): from one
  // address, 20 parallel sign-ins would exhaust that address's attempt budget, as they should.
  const loginLoop = async (_: unknown, index: number) => {
    while (!stop) {
      await post(
        server,
        '/api/auth/login',
        { username: 'bench', password: PASSWORD },
        { 'x-forwarded-for': `10.250.0.${index + 1}` },
      );
      logins += 1;
    }
  };
  const loops = withLogins ? Array.from({ length: CONCURRENT_LOGINS }, loginLoop) : [];
  const result = await autocannon({
    url: urlOf(server, '/health/live'),
    connections: 10,
    duration: 5,
  });
  stop = true;
  await Promise.all(loops);
  if (withLogins) console.log(`  (${logins} sign-ins completed during the run)`);
  return result.latency.p99;
}

async function main(workDir: string): Promise<void> {
  console.log('build: scripts/ensure-built.mjs');
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const dataDir = path.join(workDir, 'data');
  const server = await spawnEnclave(dataDir, path.join(workDir, 'enclave.log'), {
    // The global per-address limit would answer most of this load with 429.
    RATE_LIMIT_MAX: '1000000',
    TRUST_PROXY: '127.0.0.1',
  });
  try {
    await waitUntilReady(server);
    const { accessToken, apiKey } = await credentials(server, dataDir);
    const ticks = clockTicksPerSecond();
    const sides: Record<Side, { url: string; headers: Record<string, string> }> = {
      live: { url: urlOf(server, '/health/live'), headers: {} },
      'me (access token)': {
        url: urlOf(server, '/api/auth/me'),
        headers: { authorization: `Bearer ${accessToken}` },
      },
      'me (API key)': {
        url: urlOf(server, '/api/auth/me'),
        headers: { authorization: `Bearer ${apiKey}` },
      },
    };
    const names = Object.keys(sides) as Side[];
    const results = new Map<Side, LoadResult[]>(names.map((n) => [n, []]));
    for (const name of names) {
      const side = sides[name];
      await runLoad(server, side.url, { ...LOAD, durationSeconds: 2 }, ticks, side.headers);
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      const order = round % 2 === 1 ? names : [...names].reverse();
      for (const name of order) {
        const side = sides[name];
        const result = await runLoad(server, side.url, LOAD, ticks, side.headers);
        if (result.failures > 0) throw new Error(`${name}: ${result.failures} failed requests`);
        results.get(name)?.push(result);
        console.log(
          `round ${round}/${ROUNDS}: ${name.padEnd(18)} ${whole(result.requestsPerSecond).padStart(7)} req/s, ` +
            `p99 ${fixed(result.p99LatencyMs, 0)} ms, ${fixed(result.cpuMicrosPerRequest, 1)} µs CPU/req`,
        );
      }
    }
    const live = results.get('live') ?? [];
    const ratios = (name: Side) =>
      (results.get(name) ?? []).map(
        (r, i) => r.requestsPerSecond / (live[i]?.requestsPerSecond ?? NaN),
      );

    console.log('\n/health/live p99 at rest, then with 20 sign-ins at once (3 runs each)');
    const rest: number[] = [];
    const busy: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      rest.push(await liveP99(server, false));
      busy.push(await liveP99(server, true));
    }
    const p99Ratio = median(busy) / Math.max(median(rest), 1);

    const rows = names.map((name) => {
      const rs = results.get(name) ?? [];
      return [
        name,
        whole(median(rs.map((r) => r.requestsPerSecond))),
        fixed(median(rs.map((r) => r.p99LatencyMs)), 0),
        fixed(median(rs.map((r) => r.cpuMicrosPerRequest)), 1),
        name === 'live' ? '1.00×' : `${fixed(median(ratios(name)))}×`,
      ];
    });
    console.log(
      `\n${table(['route', 'req/s', 'p99 ms', 'CPU µs/req', '÷ live (median of rounds)'], rows)}`,
    );
    const checks = [
      ...(['me (access token)', 'me (API key)'] as const).map((name) => ({
        name: `${name} req/s ÷ /health/live`,
        value: `${fixed(median(ratios(name)))}×`,
        target: `≥ ${TARGETS.minRatioToLive}×`,
        met: median(ratios(name)) >= TARGETS.minRatioToLive,
      })),
      {
        name: `/health/live p99 with ${CONCURRENT_LOGINS} sign-ins ÷ at rest`,
        value: `${fixed(p99Ratio)}× (${fixed(median(busy), 0)} ms vs ${fixed(median(rest), 0)} ms)`,
        target: `≤ ${TARGETS.maxP99RatioUnderLogins}×`,
        met: p99Ratio <= TARGETS.maxP99RatioUnderLogins,
      },
    ];
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
      `${JSON.stringify({ date: new Date().toISOString(), load: LOAD, results: Object.fromEntries(results), p99: { rest, busy }, checks }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await stopServer(server);
  }
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-bench-auth-'));
process.once('exit', killAllChildrenNow);
try {
  await main(workDir);
} catch (error) {
  console.error(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  killAllChildrenNow();
  rmSync(workDir, { recursive: true, force: true });
}
