import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { chatEnv, metricsToken, startChatEnclave, spawnSimulator } from './chat-setup.js';
import { percentile } from './chat-report.js';
import { urlOf } from './enclave.js';
import {
  REPO_ROOT,
  httpStatus,
  rssMegabytes,
  spawnServer,
  stopServer,
  waitFor200,
  type ServerProcess,
} from './processes.js';
import { fixed, median, whole } from './stats.js';
import { openAuthenticatedSocket, openSocket } from './ws-client.js';

export type HoldSide = 'enclave' | 'bare ws';
const SIDES: readonly HoldSide[] = ['enclave', 'bare ws'];

/** monitorEventLoopDelay (behind prom-client's lag metrics) records whole timer intervals. */
export const LAG_RESOLUTION_MS = 10;

export interface HoldSettings {
  rounds: number;
  sockets: number;
  /** Sockets opened at once; each batch completes before the next starts. */
  batch: number;
  holdMs: number;
}

export interface HoldRun {
  rssBeforeMiB: number;
  rssHeldMiB: number;
  bytesPerSocket: number;
  openSeconds: number;
  /** Enclave only: `enclave_nodejs_eventloop_lag_p99_seconds` over the hold, in ms. */
  lagP99Ms: number | null;
  /** p99 of `GET /health/live` (Enclave) or `GET /` (bare) probed from outside while held. */
  probeP99Ms: number;
}

export type HoldResult = Record<HoldSide, HoldRun[]>;

async function openAll(
  settings: HoldSettings,
  open: () => Promise<WebSocket>,
  sockets: WebSocket[],
): Promise<void> {
  while (sockets.length < settings.sockets) {
    const size = Math.min(settings.batch, settings.sockets - sockets.length);
    sockets.push(...(await Promise.all(Array.from({ length: size }, open))));
  }
}

/** The value of one sample line of a Prometheus text exposition. */
async function scrape(server: ServerProcess, token: string, name: string): Promise<number> {
  const response = await fetch(urlOf(server, '/metrics'), {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!response.ok || !line) throw new Error(`/metrics: ${response.status}, no ${name}`);
  return Number(line.slice(name.length + 1));
}

/** Times a GET every 50 ms until `until` resolves; the server answers while it holds sockets. */
async function probe(url: string, until: Promise<void>): Promise<number[]> {
  let done = false;
  void until.then(() => {
    done = true;
  });
  const samples: number[] = [];
  while (!done) {
    const started = performance.now();
    if ((await httpStatus(url, 5000)) !== 200) throw new Error(`probe of ${url} failed`);
    samples.push(performance.now() - started);
    await sleep(50);
  }
  return samples;
}

async function holdOnce(side: HoldSide, workDir: string, settings: HoldSettings, round: number) {
  let server: ServerProcess | null = null;
  let simulator: ServerProcess | null = null;
  const sockets: WebSocket[] = [];
  try {
    let open: () => Promise<WebSocket>;
    let probeUrl: string;
    let lagToken: string | null = null;
    if (side === 'enclave') {
      // A simulator, so Enclave's model list is as it is in use; nothing streams here.
      simulator = await spawnSimulator(workDir);
      const enclave = await startChatEnclave({
        name: `enclave-hold-${round}`,
        workDir,
        env: chatEnv(simulator),
      });
      server = enclave.server;
      const wsUrl = urlOf(server, '/api/ws').replace(/^http/, 'ws');
      open = () => openAuthenticatedSocket(wsUrl, enclave.accessToken);
      probeUrl = urlOf(server, '/health/live');
      lagToken = metricsToken(enclave.dataDir);
    } else {
      server = await spawnServer({
        name: 'bare-ws',
        script: path.join(REPO_ROOT, 'bench/servers/bare-ws.mjs'),
        env: {},
        logFile: path.join(workDir, `bare-ws-${round}.log`),
      });
      await waitFor200(server, urlOf(server, '/'), { intervalMs: 20, timeoutMs: 30_000 });
      const wsUrl = urlOf(server, '/').replace(/^http/, 'ws');
      open = () => openSocket(wsUrl);
      probeUrl = urlOf(server, '/');
    }
    await sleep(1000);
    const rssBeforeMiB = rssMegabytes(server.pid);
    const openStarted = performance.now();
    await openAll(settings, open, sockets);
    const openSeconds = (performance.now() - openStarted) / 1000;
    // Let the opening's garbage and timers settle before the hold is measured.
    await sleep(1000);
    if (lagToken) await scrape(server, lagToken, 'enclave_nodejs_eventloop_lag_p99_seconds');
    const held = sleep(settings.holdMs);
    const probes = await probe(probeUrl, held);
    const lagP99Ms = lagToken
      ? (await scrape(server, lagToken, 'enclave_nodejs_eventloop_lag_p99_seconds')) * 1000
      : null;
    const open1 = sockets.filter((s) => s.readyState === s.OPEN).length;
    if (open1 !== settings.sockets) {
      throw new Error(`${side}: only ${open1} of ${settings.sockets} sockets still open`);
    }
    const rssHeldMiB = rssMegabytes(server.pid);
    return {
      rssBeforeMiB,
      rssHeldMiB,
      bytesPerSocket: ((rssHeldMiB - rssBeforeMiB) * 1024 * 1024) / settings.sockets,
      openSeconds,
      lagP99Ms,
      probeP99Ms: percentile(probes, 99),
    } satisfies HoldRun;
  } finally {
    for (const socket of sockets) socket.terminate();
    if (server) await stopServer(server);
    if (simulator) await stopServer(simulator);
  }
}

/**
 * Memory per idle authenticated WebSocket on Enclave against a bare `ws` server holding as
 * many, each on a fresh process per round (sides alternate), and Enclave's event-loop delay
 * while it holds them.
 */
export async function benchmarkIdleSockets(
  workDir: string,
  settings: HoldSettings,
): Promise<HoldResult> {
  const result: HoldResult = { enclave: [], 'bare ws': [] };
  for (let round = 1; round <= settings.rounds; round += 1) {
    const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
    for (const side of order) {
      const run = await holdOnce(side, workDir, settings, round);
      result[side].push(run);
      console.log(
        `(d) round ${round}/${settings.rounds}: ${side.padEnd(7)} ${whole(settings.sockets)} sockets ` +
          `opened in ${fixed(run.openSeconds, 1)} s, RSS ${fixed(run.rssBeforeMiB, 1)} → ` +
          `${fixed(run.rssHeldMiB, 1)} MiB = ${fixed(run.bytesPerSocket / 1024)} KiB/socket` +
          (run.lagP99Ms === null ? '' : `, event-loop lag p99 ${fixed(run.lagP99Ms, 1)} ms`) +
          `, probe p99 ${fixed(run.probeP99Ms, 1)} ms`,
      );
    }
  }
  return result;
}

export function medianBytesPerSocket(runs: readonly HoldRun[]): number {
  return median(runs.map((r) => r.bytesPerSocket));
}
