import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { createConversations, startChatEnclave, type ChatEnclave } from './chat-setup.js';
import { urlOf } from './enclave.js';
import { runLoad, type LoadResult, type LoadSettings } from './load.js';
import { clockTicksPerSecond, stopServer } from './processes.js';
import { fixed, whole } from './stats.js';

export type WindowSide = '5,000 messages' | '50 messages';
const SIDES: readonly WindowSide[] = ['5,000 messages', '50 messages'];
const SIZES: Record<WindowSide, number> = { '5,000 messages': 5_000, '50 messages': 50 };

export type WindowResult = Record<WindowSide, LoadResult[]>;

/** A paragraph of ordinary length, so a page of 50 is a realistic response size. */
const TEXT =
  'The quick brown fox jumps over the lazy dog while the benchmark keeps counting. '.repeat(5);

/**
 * Writes `count` alternating user/assistant messages straight into the SQLite file (the server
 * runs in WAL mode, so it sees them at its next read), with UUIDv7 ids in creation order as
 * Enclave's own are.
 */
function insertMessages(dataDir: string, conversationId: string, count: number): void {
  const database = new Database(path.join(dataDir, 'enclave.db'), { timeout: 5000 });
  try {
    const owner = database
      .prepare('select user_id from conversations where id = ?')
      .get(conversationId) as { user_id: string } | undefined;
    if (!owner) throw new Error(`no conversation ${conversationId}`);
    const insert = database.prepare(
      `insert into messages (id, conversation_id, user_id, role, content, status, model,
         created_at, updated_at)
       values (?, ?, ?, ?, ?, 'complete', ?, ?, ?)`,
    );
    const start = Date.now() - count * 1000;
    database.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        const at = new Date(start + i * 1000).toISOString();
        const role = i % 2 === 0 ? 'user' : 'assistant';
        insert.run(
          uuidv7(),
          conversationId,
          owner.user_id,
          role,
          `${i} ${TEXT}`,
          role === 'assistant' ? 'sim-short' : null,
          at,
          at,
        );
      }
    })();
  } finally {
    database.close();
  }
}

async function checkWindow(enclave: ChatEnclave, id: string, expectMore: boolean): Promise<void> {
  const response = await fetch(urlOf(enclave.server, `/api/conversations/${id}`), {
    headers: { authorization: `Bearer ${enclave.accessToken}` },
  });
  const body = (await response.json()) as { messages?: unknown[]; hasMore?: boolean };
  if (!response.ok || body.messages?.length !== 50 || body.hasMore !== expectMore) {
    throw new Error(`unexpected window: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
}

/**
 * `GET /api/conversations/:id` (the newest 50 messages, the default window) of a 5,000-message
 * conversation and of a 50-message one on the same server, loaded in turn, alternating.
 */
export async function benchmarkMessageWindow(
  workDir: string,
  settings: { rounds: number; load: LoadSettings },
): Promise<WindowResult> {
  const enclave = await startChatEnclave({
    name: 'enclave-window',
    workDir,
    env: { RATE_LIMIT_MAX: '1000000' },
  });
  try {
    const [big, small] = await createConversations(enclave, 2);
    if (!big || !small) throw new Error('conversations not created');
    const ids: Record<WindowSide, string> = { '5,000 messages': big, '50 messages': small };
    for (const side of SIDES) insertMessages(enclave.dataDir, ids[side], SIZES[side]);
    await checkWindow(enclave, big, true);
    await checkWindow(enclave, small, false);
    console.log('(c) inserted 5,000 + 50 messages');

    const ticks = clockTicksPerSecond();
    const headers = { authorization: `Bearer ${enclave.accessToken}` };
    const result: WindowResult = { '5,000 messages': [], '50 messages': [] };
    for (let round = 0; round <= settings.rounds; round += 1) {
      const order = round % 2 === 1 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        const load = round === 0 ? { ...settings.load, durationSeconds: 1 } : settings.load;
        const url = urlOf(enclave.server, `/api/conversations/${ids[side]}`);
        const run = await runLoad(enclave.server, url, load, ticks, headers);
        if (run.failures > 0) throw new Error(`(c) ${side}: ${run.failures} failed requests`);
        const label = round === 0 ? 'warm-up' : `round ${round}/${settings.rounds}`;
        console.log(
          `(c) ${label}: ${side.padEnd(14)} ${whole(run.requestsPerSecond).padStart(6)} req/s, ` +
            `p99 ${fixed(run.p99LatencyMs, 0)} ms, ${fixed(run.cpuMicrosPerRequest, 0)} µs CPU/req` +
            (round === 0 ? ' (not counted)' : ''),
        );
        if (round > 0) result[side].push(run);
      }
    }
    return result;
  } finally {
    await stopServer(enclave.server);
  }
}
