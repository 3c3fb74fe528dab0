/**
 * How long a SQLite commit holds the event loop, with checkpoints on Enclave's checkpoint thread
 * (src/platform/db/wal-checkpointer.ts) against SQLite's own checkpoints inside the commit that
 * takes the log past 1,000 pages, alternating the two. Each commit writes what a sign-in writes
 * (a session, a refresh token and an audit row, each table with its indexes), at a steady rate.
 * Run with `npm run bench:sqlite`; the figures are printed and written to
 * test-results/bench-sqlite-commits.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqlite } from '../src/platform/db/sqlite.js';
import { WalCheckpointer } from '../src/platform/db/wal-checkpointer.js';
import { REPO_ROOT, runBenchmark } from './lib/processes.js';
import { percentile } from './lib/chat-report.js';
import { fixed, median, table } from './lib/stats.js';

const ROUNDS = 3;
const COMMITS_PER_SECOND = 300;
const COMMITS = 3_000;
/** The first second's commits warm the statements and the file; they are not counted. */
const WARM_UP = COMMITS_PER_SECOND;
const SLOW_MS = 2;

type Mode = 'checkpoint thread' | "SQLite's own checkpoints";

interface RoundResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  overSlow: number;
  checkpoints: number;
}

async function commitRound(dir: string, mode: Mode, round: number): Promise<RoundResult> {
  const file = path.join(dir, `${round}-${mode === 'checkpoint thread' ? 'thread' : 'own'}.db`);
  // The server's pragmas; the checkpoint thread's mode also turns SQLite's own checkpoints off.
  const database = openSqlite(file);
  let checkpoints = 0;
  let unavailable = false;
  let checkpointer: WalCheckpointer | null = null;
  if (mode === 'checkpoint thread') {
    database.pragma('wal_autocheckpoint = 0');
    checkpointer = new WalCheckpointer(file, {
      onUnavailable: () => (unavailable = true),
      onCheckpoint: () => (checkpoints += 1),
    });
  }
  database.exec(`
    create table sessions (id text primary key, user_id text not null, created_at text not null,
      expires_at text not null, client_address text, user_agent text);
    create index sessions_user on sessions (user_id);
    create table refresh_tokens (token_hash text primary key, session_id text not null,
      created_at text not null, expires_at text not null);
    create index refresh_tokens_session on refresh_tokens (session_id);
    create table audit_events (id text primary key, at text not null, action text not null,
      outcome text not null, actor_id text, details text);
    create index audit_events_action on audit_events (action);
    create index audit_events_actor on audit_events (actor_id);
  `);
  const session = database.prepare('insert into sessions values (?, ?, ?, ?, ?, ?)');
  const token = database.prepare('insert into refresh_tokens values (?, ?, ?, ?)');
  const audit = database.prepare('insert into audit_events values (?, ?, ?, ?, ?, ?)');
  const signIn = database.transaction(() => {
    const now = new Date().toISOString();
    const sessionId = randomUUID();
    session.run(sessionId, 'user-1', now, now, '10.0.0.1', 'bench/1.0');
    token.run(randomBytes(32).toString('hex'), sessionId, now, now);
    audit.run(randomUUID(), now, 'auth.login', 'success', 'user-1', '{}');
  });
  const heldMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < COMMITS; i++) {
    const due = started + (i * 1000) / COMMITS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const before = performance.now();
    signIn();
    if (i >= WARM_UP) heldMs.push(performance.now() - before);
    checkpointer?.noteCommit();
  }
  await checkpointer?.close();
  database.close();
  if (unavailable) throw new Error('the checkpoint thread was unavailable');
  return {
    p50Ms: percentile(heldMs, 50),
    p99Ms: percentile(heldMs, 99),
    maxMs: Math.max(...heldMs),
    overSlow: heldMs.filter((ms) => ms > SLOW_MS).length,
    checkpoints,
  };
}

async function main(workDir: string): Promise<void> {
  const modes: Mode[] = ['checkpoint thread', "SQLite's own checkpoints"];
  const results: Record<Mode, RoundResult[]> = {
    'checkpoint thread': [],
    "SQLite's own checkpoints": [],
  };
  console.log(
    `${COMMITS} sign-in commits at ${COMMITS_PER_SECOND}/s per round, ${ROUNDS} rounds alternating, in ${workDir}`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const mode of round % 2 === 1 ? modes : [...modes].reverse()) {
      const result = await commitRound(workDir, mode, round);
      results[mode].push(result);
      console.log(
        `round ${round}/${ROUNDS}: ${mode.padEnd(24)} commit holds the event loop p50 ${fixed(result.p50Ms, 3)} ms, ` +
          `p99 ${fixed(result.p99Ms, 3)} ms, max ${fixed(result.maxMs)} ms, ${result.overSlow} over ${SLOW_MS} ms, ` +
          `${result.checkpoints} checkpoints on the thread`,
      );
    }
  }
  const rows = modes.map((mode) => {
    const of = (pick: (r: RoundResult) => number) => median(results[mode].map(pick));
    return [
      mode,
      fixed(
        of((r) => r.p50Ms),
        3,
      ),
      fixed(
        of((r) => r.p99Ms),
        3,
      ),
      fixed(of((r) => r.maxMs)),
      String(of((r) => r.overSlow)),
    ];
  });
  console.log(
    `\n${table(['checkpoints', 'p50 ms', 'p99 ms', 'max ms', `commits over ${SLOW_MS} ms`], rows)}`,
  );
  const ratios = results['checkpoint thread'].map(
    (r, i) => r.p99Ms / (results["SQLite's own checkpoints"][i]?.p99Ms ?? NaN),
  );
  console.log(
    `\np99 event-loop hold per commit, checkpoint thread ÷ SQLite's own: ${fixed(median(ratios))}× ` +
      `(rounds ${ratios.map((r) => fixed(r)).join(' ')})`,
  );
  const out = path.join(REPO_ROOT, 'test-results', 'bench-sqlite-commits.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), settings: { ROUNDS, COMMITS, COMMITS_PER_SECOND }, results }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(REPO_ROOT, out)}`);
}

await runBenchmark('sqlite-commits', main);
