import {
  createConversations,
  createPostgresDatabase,
  startChatEnclave,
  type ChatEnclave,
} from './chat-setup.js';
import { urlOf } from './enclave.js';
import { runLoad, type LoadResult, type LoadSettings } from './load.js';
import { clockTicksPerSecond, stopServer } from './processes.js';
import { fixed, whole } from './stats.js';

export type ListSide = 'PostgreSQL' | 'SQLite';
const SIDES: readonly ListSide[] = ['PostgreSQL', 'SQLite'];

export type ListResult = Record<ListSide, LoadResult[]>;

/**
 * `GET /api/conversations?limit=50` for the same user with the same number of conversations on
 * Enclave over PostgreSQL (a fresh database, dropped afterwards) and over SQLite, side by side,
 * loaded in turn, alternating.
 */
export async function benchmarkConversationList(
  workDir: string,
  settings: { rounds: number; conversations: number; load: LoadSettings },
): Promise<ListResult> {
  const postgres = await createPostgresDatabase();
  const enclaves = new Map<ListSide, ChatEnclave>();
  try {
    const env = { RATE_LIMIT_MAX: '1000000' };
    enclaves.set(
      'PostgreSQL',
      await startChatEnclave({
        name: 'enclave-postgres',
        workDir,
        env: { ...env, DATABASE_URL: postgres.url },
      }),
    );
    enclaves.set('SQLite', await startChatEnclave({ name: 'enclave-sqlite', workDir, env }));
    for (const enclave of enclaves.values()) {
      await createConversations(enclave, settings.conversations);
    }
    console.log(`(e) ${settings.conversations} conversations on each database`);

    const ticks = clockTicksPerSecond();
    const result: ListResult = { PostgreSQL: [], SQLite: [] };
    for (let round = 0; round <= settings.rounds; round += 1) {
      const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        const enclave = enclaves.get(side);
        if (!enclave) throw new Error(`no server for ${side}`);
        const load = round === 0 ? { ...settings.load, durationSeconds: 1 } : settings.load;
        const url = urlOf(enclave.server, '/api/conversations?limit=50');
        const run = await runLoad(enclave.server, url, load, ticks, {
          authorization: `Bearer ${enclave.accessToken}`,
        });
        if (run.failures > 0) throw new Error(`(e) ${side}: ${run.failures} failed requests`);
        const label = round === 0 ? 'warm-up' : `round ${round}/${settings.rounds}`;
        console.log(
          `(e) ${label}: ${side.padEnd(10)} ${whole(run.requestsPerSecond).padStart(6)} req/s, ` +
            `p99 ${fixed(run.p99LatencyMs, 0)} ms, ${fixed(run.cpuMicrosPerRequest, 0)} µs CPU/req` +
            (round === 0 ? ' (not counted)' : ''),
        );
        if (round > 0) result[side].push(run);
      }
    }
    return result;
  } finally {
    await Promise.all([...enclaves.values()].map((e) => stopServer(e.server)));
    await postgres.drop();
  }
}
