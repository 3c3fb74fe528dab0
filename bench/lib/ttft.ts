import { type Agent } from 'undici';
import {
  SIM_MODELS,
  chatEnv,
  createConversations,
  startChatEnclave,
  spawnSimulator,
  type ChatEnclave,
} from './chat-setup.js';
import { percentile } from './chat-report.js';
import { urlOf } from './enclave.js';
import { stopServer, type ServerProcess } from './processes.js';
import {
  keepAliveAgent,
  streamDirect,
  streamThroughEnclaveSse,
  warmConnections,
  type StreamTiming,
} from './sse-client.js';
import { fixed, median } from './stats.js';
import { ChatSocket } from './ws-client.js';

export type TtftSide = 'direct' | 'sse' | 'ws';
const SIDES: readonly TtftSide[] = ['direct', 'sse', 'ws'];
const CONTENT = 'hello from the chat benchmark';
const WARM_UP_SEQUENTIAL = 10;

export interface TtftSettings {
  rounds: number;
  /** Streams one after the other per side and round, at concurrency 1. */
  sequential: number;
  /** Streams started at once. */
  burst: number;
  /** Bursts per side and round. */
  burstsPerRound: number;
}

export interface SideRound {
  medianMs: number;
  p99Ms: number;
  samples: number;
}

export interface ConcurrencyResult {
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
}

/** One side's streams at one concurrency; `conversations` supplies a fresh one per stream. */
async function runSide(
  rig: Rig,
  side: TtftSide,
  concurrency: number,
  repeats: number,
  conversations: () => string,
): Promise<StreamTiming[]> {
  const enclaveOrigin = urlOf(rig.enclave.server, '');
  const one = (index: number): Promise<StreamTiming> => {
    switch (side) {
      case 'direct':
        return streamDirect(rig.directAgent, urlOf(rig.simulator, ''), SIM_MODELS.short, CONTENT);
      case 'sse':
        return streamThroughEnclaveSse(
          rig.enclaveAgent,
          enclaveOrigin,
          rig.enclave.accessToken,
          conversations(),
          CONTENT,
        );
      case 'ws': {
        const socket = rig.sockets[index % rig.sockets.length];
        if (!socket) throw new Error('no socket');
        return socket.send(conversations(), CONTENT);
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
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    if (concurrency === 1) {
      timings.push(await one(0));
    } else {
      timings.push(...(await Promise.all(Array.from({ length: concurrency }, (_, i) => one(i)))));
    }
  }
  return timings;
}

/** Streams (concurrency 1) or bursts per side in a round; round 0 is a shorter warm-up. */
function repeatsFor(concurrency: number, round: number, settings: TtftSettings): number {
  if (concurrency === 1) return round === 0 ? WARM_UP_SEQUENTIAL : settings.sequential;
  return round === 0 ? 1 : settings.burstsPerRound;
}

function summarize(timings: StreamTiming[]): SideRound {
  const values = timings.map((t) => t.firstTokenMs);
  return { medianMs: median(values), p99Ms: percentile(values, 99), samples: values.length };
}

/**
 * Time to first token straight from the simulator and through Enclave (SSE, WebSocket), at
 * concurrency 1 and at `burst` streams started at once. Each round runs the three sides back
 * to back in alternating order; the added latency is taken within each round.
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
    for (let i = 0; i < settings.burst; i += 1) {
      sockets.push(await ChatSocket.open(wsUrl, enclave.accessToken));
    }
    const rig: Rig = { simulator, enclave, directAgent, enclaveAgent, sockets };
    const levels = [1, settings.burst];
    const perRound = (concurrency: number) =>
      concurrency === 1 ? settings.sequential : concurrency * settings.burstsPerRound;
    const streamsPerRound = 2 * levels.reduce((sum, c) => sum + perRound(c), 0);

    const results: ConcurrencyResult[] = levels.map((concurrency) => ({
      concurrency,
      rounds: { direct: [], sse: [], ws: [] },
      addedMedianMs: { sse: [], ws: [] },
      addedP99Ms: { sse: [], ws: [] },
    }));

    // Round 0 warms every path (JIT, pools, the model list cache) and is not counted.
    for (let round = 0; round <= settings.rounds; round += 1) {
      const ids = await createConversations(
        enclave,
        round === 0 ? 2 * (WARM_UP_SEQUENTIAL + settings.burst) : streamsPerRound,
      );
      let nextId = 0;
      const conversations = () => {
        const id = ids[nextId++];
        if (id === undefined) throw new Error('ran out of fresh conversations');
        return id;
      };
      for (const result of results) {
        const { concurrency } = result;
        const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
        const repeats = repeatsFor(concurrency, round, settings);
        const byside = new Map<TtftSide, SideRound>();
        for (const side of order) {
          byside.set(
            side,
            summarize(await runSide(rig, side, concurrency, repeats, conversations)),
          );
        }
        const direct = byside.get('direct');
        if (!direct) throw new Error('no direct side');
        const line = [...byside.entries()]
          .map(([side, s]) => `${side} ${fixed(s.medianMs)}/${fixed(s.p99Ms)}`)
          .join(', ');
        if (round === 0) {
          console.log(`(a) warm-up, ${concurrency} at once: ${line} ms median/p99 (not counted)`);
          continue;
        }
        for (const side of SIDES) result.rounds[side].push(byside.get(side) as SideRound);
        for (const side of ['sse', 'ws'] as const) {
          const through = byside.get(side) as SideRound;
          result.addedMedianMs[side].push(through.medianMs - direct.medianMs);
          result.addedP99Ms[side].push(through.p99Ms - direct.p99Ms);
        }
        console.log(
          `(a) round ${round}/${settings.rounds}, ${concurrency} at once: ${line} ms median/p99`,
        );
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
