import { type Agent } from 'undici';
import {
  SIM_MODELS,
  STEADY_REPLY_MS,
  chatEnv,
  createConversations,
  startChatEnclave,
  spawnSimulator,
  type ChatEnclave,
} from './chat-setup.js';
import { percentile } from './chat-report.js';
import { urlOf } from './enclave.js';
import { clockTicksPerSecond, cpuTicks, stopServer, type ServerProcess } from './processes.js';
import {
  keepAliveAgent,
  streamDirect,
  streamThroughEnclaveSse,
  warmConnections,
  type StreamTiming,
} from './sse-client.js';
import { fixed, median, whole } from './stats.js';
import { ChatSocket } from './ws-client.js';

export type TtftSide = 'direct' | 'sse' | 'ws';
const SIDES: readonly TtftSide[] = ['direct', 'sse', 'ws'];
const CONTENT = 'hello from the chat benchmark';
const WARM_UP_SEQUENTIAL = 10;

export interface TtftSettings {
  rounds: number;
  /** Streams one after the other per side and round, at concurrency 1. */
  sequential: number;
  /** Streams kept in flight at once: each of these lanes starts its next stream when one ends. */
  steady: number;
  /** How long each side runs per round with `steady` streams in flight. */
  steadyMs: number;
  /** Streams started in the same instant. */
  burst: number;
  /** Bursts per side and round. */
  burstsPerRound: number;
}

/**
 * How the streams of a measurement are started: one after the other; `steady`, with a number
 * kept in flight (the load a server sees when that many people are chatting); or `burst`, all
 * in the same instant (the worst case of a thundering herd, where each stream also waits for
 * the set-up of every stream started before it).
 */
export type TtftMode = 'sequential' | 'steady' | 'burst';

export interface SideRound {
  medianMs: number;
  p99Ms: number;
  samples: number;
  /**
   * Enclave's CPU time over the side's wall time (1 = one core all the time): how close its
   * one event loop came to full while this side ran. On the direct side Enclave is idle.
   */
  enclaveBusy: number;
  /** Enclave's CPU time per stream started on this side, counted or not (ms). */
  enclaveCpuMsPerStream: number;
}

export interface ConcurrencyResult {
  mode: TtftMode;
  concurrency: number;
  rounds: Record<TtftSide, SideRound[]>;
  /** Per round: median(Enclave) − median(direct), and p99(Enclave) − p99(direct). */
  addedMedianMs: Record<'sse' | 'ws', number[]>;
  addedP99Ms: Record<'sse' | 'ws', number[]>;
}

export type TtftResult = ConcurrencyResult[];

interface Rig {
  simulator: ServerProcess;
  enclave: ChatEnclave;
  directAgent: Agent;
  enclaveAgent: Agent;
  sockets: ChatSocket[];
  ticksPerSecond: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one side ran: the counted streams' timings and how many streams it started in all. */
interface SideRun {
  timings: StreamTiming[];
  started: number;
}

/** One side's streams in one mode; `conversations` supplies a fresh one per stream. */
async function runSide(
  rig: Rig,
  side: TtftSide,
  level: { mode: TtftMode; concurrency: number },
  repeats: number,
  steadyMs: number,
  conversations: () => string,
): Promise<SideRun> {
  const { mode, concurrency } = level;
  const enclaveOrigin = urlOf(rig.enclave.server, '');
  const model = mode === 'steady' ? SIM_MODELS.steady : SIM_MODELS.short;
  let started = 0;
  const one = (index: number): Promise<StreamTiming> => {
    started += 1;
    switch (side) {
      case 'direct':
        return streamDirect(rig.directAgent, urlOf(rig.simulator, ''), model, CONTENT);
      case 'sse':
        return streamThroughEnclaveSse(
          rig.enclaveAgent,
          enclaveOrigin,
          rig.enclave.accessToken,
          conversations(),
          CONTENT,
          model,
        );
      case 'ws': {
        const socket = rig.sockets[index % rig.sockets.length];
        if (!socket) throw new Error('no socket');
        return socket.send(conversations(), CONTENT, model);
      }
    }
  };
  // Either side starts with as many idle pooled connections as it has streams at once.
  if (side === 'direct')
    await warmConnections(rig.directAgent, urlOf(rig.simulator, '/'), concurrency);
  if (side === 'sse') {
    await warmConnections(rig.enclaveAgent, urlOf(rig.enclave.server, '/health/live'), concurrency);
  }
  const timings: StreamTiming[] = [];
  if (mode === 'steady') {
    // Each lane waits a random part of one reply first, so the lanes do not move in step; the
    // streams that start during that ramp are not counted.
    const counted = performance.now() + STEADY_REPLY_MS;
    const deadline = counted + steadyMs;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        await sleep(Math.random() * STEADY_REPLY_MS);
        while (performance.now() < deadline) {
          const startedAt = performance.now();
          const timing = await one(lane);
          if (startedAt >= counted) timings.push(timing);
        }
      }),
    );
    return { timings, started };
  }
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    if (mode === 'sequential') {
      timings.push(await one(0));
    } else {
      timings.push(...(await Promise.all(Array.from({ length: concurrency }, (_, i) => one(i)))));
    }
  }
  return { timings, started };
}

/** Runs one side and notes Enclave's CPU time while it ran. */
async function measureSide(
  rig: Rig,
  side: TtftSide,
  run: () => Promise<SideRun>,
): Promise<SideRound> {
  const { pid } = rig.enclave.server;
  const ticksBefore = cpuTicks(pid);
  const wallBefore = performance.now();
  const { timings, started } = await run();
  const cpuMs = ((cpuTicks(pid) - ticksBefore) / rig.ticksPerSecond) * 1000;
  const values = timings.map((t) => t.firstTokenMs);
  return {
    medianMs: median(values),
    p99Ms: percentile(values, 99),
    samples: values.length,
    enclaveBusy: cpuMs / (performance.now() - wallBefore),
    enclaveCpuMsPerStream: side === 'direct' || started === 0 ? NaN : cpuMs / started,
  };
}

/** Streams (one at a time) or bursts per side in a round; round 0 is a shorter warm-up. */
function repeatsFor(mode: TtftMode, round: number, settings: TtftSettings): number {
  if (mode === 'sequential') return round === 0 ? WARM_UP_SEQUENTIAL : settings.sequential;
  return round === 0 ? 1 : settings.burstsPerRound;
}

/** The most streams one side can start in a round of `mode` (conversations to create). */
function streamsFor(mode: TtftMode, round: number, settings: TtftSettings): number {
  if (mode === 'steady') {
    const ms = (round === 0 ? 1000 : settings.steadyMs) + 2 * STEADY_REPLY_MS;
    return settings.steady * Math.ceil(ms / STEADY_REPLY_MS + 1);
  }
  return repeatsFor(mode, round, settings) * (mode === 'sequential' ? 1 : settings.burst);
}

export function modeLabel(mode: TtftMode, concurrency: number): string {
  switch (mode) {
    case 'sequential':
      return '1 stream at a time';
    case 'steady':
      return `${concurrency} streams in flight`;
    case 'burst':
      return `${concurrency} started at once`;
  }
}

/**
 * Time to first token straight from the simulator and through Enclave (SSE, WebSocket): one
 * stream at a time, with `steady` streams in flight, and `burst` streams started at once. Each
 * round runs the three sides back to back in alternating order; the added latency is taken
 * within each round.
 */
export async function benchmarkTtft(workDir: string, settings: TtftSettings): Promise<TtftResult> {
  const simulator = await spawnSimulator(workDir);
  let enclave: ChatEnclave | null = null;
  const directAgent = keepAliveAgent();
  const enclaveAgent = keepAliveAgent();
  const sockets: ChatSocket[] = [];
  try {
    enclave = await startChatEnclave({ name: 'enclave-ttft', workDir, env: chatEnv(simulator) });
    const wsUrl = urlOf(enclave.server, '/api/ws').replace(/^http/, 'ws');
    for (let i = 0; i < Math.max(settings.burst, settings.steady); i += 1) {
      sockets.push(await ChatSocket.open(wsUrl, enclave.accessToken));
    }
    const rig: Rig = {
      simulator,
      enclave,
      directAgent,
      enclaveAgent,
      sockets,
      ticksPerSecond: clockTicksPerSecond(),
    };
    const levels: { mode: TtftMode; concurrency: number }[] = [
      { mode: 'sequential', concurrency: 1 },
      { mode: 'steady', concurrency: settings.steady },
      { mode: 'burst', concurrency: settings.burst },
    ];

    const results: ConcurrencyResult[] = levels.map(({ mode, concurrency }) => ({
      mode,
      concurrency,
      rounds: { direct: [], sse: [], ws: [] },
      addedMedianMs: { sse: [], ws: [] },
      addedP99Ms: { sse: [], ws: [] },
    }));

    // Round 0 warms every path (JIT, pools, the model list cache) and is not counted.
    for (let round = 0; round <= settings.rounds; round += 1) {
      // Enclave's two sides (SSE, WebSocket) each need a fresh conversation per stream.
      const ids = await createConversations(
        enclave,
        2 * levels.reduce((sum, level) => sum + streamsFor(level.mode, round, settings), 0),
      );
      let nextId = 0;
      const conversations = () => {
        const id = ids[nextId++];
        if (id === undefined) throw new Error('ran out of fresh conversations');
        return id;
      };
      for (const result of results) {
        const { mode, concurrency } = result;
        const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
        const repeats = repeatsFor(mode, round, settings);
        const steadyMs = round === 0 ? 1000 : settings.steadyMs;
        const byside = new Map<TtftSide, SideRound>();
        for (const side of order) {
          const measured = await measureSide(rig, side, () =>
            runSide(rig, side, result, repeats, steadyMs, conversations),
          );
          byside.set(side, measured);
        }
        const direct = byside.get('direct');
        if (!direct) throw new Error('no direct side');
        const line = [...byside.entries()]
          .map(([side, s]) => {
            const cpu = side === 'direct' ? '' : ` (Enclave ${whole(s.enclaveBusy * 100)}% busy)`;
            return `${side} ${fixed(s.medianMs)}/${fixed(s.p99Ms)}${cpu}`;
          })
          .join(', ');
        const label = modeLabel(mode, concurrency);
        if (round === 0) {
          console.log(`(a) warm-up, ${label}: ${line} ms median/p99 (not counted)`);
          continue;
        }
        for (const side of SIDES) result.rounds[side].push(byside.get(side) as SideRound);
        for (const side of ['sse', 'ws'] as const) {
          const through = byside.get(side) as SideRound;
          result.addedMedianMs[side].push(through.medianMs - direct.medianMs);
          result.addedP99Ms[side].push(through.p99Ms - direct.p99Ms);
        }
        console.log(`(a) round ${round}/${settings.rounds}, ${label}: ${line} ms median/p99`);
      }
    }
    return results;
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all([directAgent.close(), enclaveAgent.close()]);
    if (enclave) await stopServer(enclave.server);
    await stopServer(simulator);
  }
}
