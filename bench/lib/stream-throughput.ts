import {
  LONG_REPLY_TOKENS,
  SIM_MODELS,
  WRITES_OFF_SCRIPT,
  chatEnv,
  createConversations,
  startChatEnclave,
  spawnSimulator,
  type ChatEnclave,
} from './chat-setup.js';
import { urlOf } from './enclave.js';
import { clockTicksPerSecond, cpuTicks, stopServer, type ServerProcess } from './processes.js';
import { keepAliveAgent, streamThroughEnclaveSse, warmConnections } from './sse-client.js';
import { fixed, whole } from './stats.js';

export type WritesSide = 'writes on' | 'writes off';
const SIDES: readonly WritesSide[] = ['writes on', 'writes off'];

export interface ThroughputSettings {
  rounds: number;
  /** Long answers streamed at once. */
  streams: number;
  /**
   * Sets of `streams` answers run one after the other in each run. One set takes about a second,
   * which holds one or two of the writer's ticks: single sets swung ±8 % between the two sides
   * of one round with the writes themselves costing ~1 % (CPU profiles of both servers).
   */
  setsPerRun: number;
}

export interface ThroughputRun {
  tokensPerSecond: number;
  tokens: number;
  seconds: number;
  /** Enclave's own CPU time per token received. */
  cpuMicrosPerToken: number;
}

export type ThroughputResult = Record<WritesSide, ThroughputRun[]>;

/**
 * `settings.setsPerRun` times, `settings.streams` long answers at once over SSE; deltas received
 * per second at the clients over the whole run.
 */
async function runOnce(
  enclave: ChatEnclave,
  settings: ThroughputSettings,
  ticksPerSecond: number,
): Promise<ThroughputRun> {
  const agent = keepAliveAgent();
  try {
    const conversationSets = [];
    for (let set = 0; set < settings.setsPerRun; set += 1) {
      conversationSets.push(await createConversations(enclave, settings.streams));
    }
    const origin = urlOf(enclave.server, '');
    await warmConnections(agent, `${origin}/health/live`, settings.streams);
    const ticksBefore = cpuTicks(enclave.server.pid);
    const started = performance.now();
    let tokens = 0;
    for (const ids of conversationSets) {
      const timings = await Promise.all(
        ids.map((id) =>
          streamThroughEnclaveSse(agent, origin, enclave.accessToken, id, 'go', SIM_MODELS.long),
        ),
      );
      tokens += timings.reduce((sum, t) => sum + t.deltas, 0);
    }
    const seconds = (performance.now() - started) / 1000;
    const ticks = cpuTicks(enclave.server.pid) - ticksBefore;
    const expected = settings.setsPerRun * settings.streams * LONG_REPLY_TOKENS;
    if (tokens !== expected) {
      throw new Error(`expected ${expected} deltas, received ${tokens}`);
    }
    return {
      tokensPerSecond: tokens / seconds,
      tokens,
      seconds,
      cpuMicrosPerToken: ((ticks / ticksPerSecond) * 1e6) / tokens,
    };
  } finally {
    await agent.close();
  }
}

/**
 * Streaming throughput of Enclave as it ships (streaming text written to SQLite in batches)
 * against the same relay with those writes off (`bench/servers/enclave-stream-writes-off.mjs`),
 * both running side by side and loaded in turn, in alternating order.
 */
export async function benchmarkStreamingWrites(
  workDir: string,
  settings: ThroughputSettings,
): Promise<ThroughputResult> {
  const ticksPerSecond = clockTicksPerSecond();
  const simulator: ServerProcess = await spawnSimulator(workDir);
  const enclaves = new Map<WritesSide, ChatEnclave>();
  try {
    const env = chatEnv(simulator);
    enclaves.set('writes on', await startChatEnclave({ name: 'enclave-writes-on', workDir, env }));
    enclaves.set(
      'writes off',
      await startChatEnclave({
        name: 'enclave-writes-off',
        workDir,
        env,
        script: WRITES_OFF_SCRIPT,
      }),
    );
    const result: ThroughputResult = { 'writes on': [], 'writes off': [] };
    for (let round = 0; round <= settings.rounds; round += 1) {
      const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        const enclave = enclaves.get(side);
        if (!enclave) throw new Error(`no server for ${side}`);
        const run = await runOnce(enclave, settings, ticksPerSecond);
        const label = round === 0 ? 'warm-up' : `round ${round}/${settings.rounds}`;
        console.log(
          `(b) ${label}: ${side.padEnd(10)} ${whole(run.tokensPerSecond).padStart(7)} tokens/s ` +
            `(${whole(run.tokens)} in ${fixed(run.seconds)} s), ` +
            `${fixed(run.cpuMicrosPerToken, 1)} µs server CPU/token` +
            (round === 0 ? ' (not counted)' : ''),
        );
        if (round > 0) result[side].push(run);
      }
    }
    return result;
  } finally {
    await Promise.all([...enclaves.values()].map((e) => stopServer(e.server)));
    await stopServer(simulator);
  }
}
