import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the write-ahead log back into the database file (a checkpoint) on a thread of its own,
 * with a connection of its own, instead of in a commit on the event loop.
 *
 * SQLite checkpoints by itself when a commit takes the log past 1,000 pages, inside that commit:
 * the copy and its fsyncs (one of the log, one of the database) then stop every request. With a
 * login's three rows (~10 pages) that was one commit in ~90 taking 6–10 ms instead of ~0.1 ms.
 * The server's connection runs with `wal_autocheckpoint = 0`, and a `PASSIVE` checkpoint runs
 * here instead: a second after 100 commits (about SQLite's 1,000 pages for logins, fewer for
 * chat messages), or five minutes after the first commit not yet copied when writes are few.
 * Passive checkpoints take no lock a writer waits for; frames a reader still needs stay until a
 * later checkpoint, as they would with SQLite's own. Once every frame is copied, the next
 * writer starts the log again from its beginning; with `synchronous = NORMAL` that writer
 * still fsyncs the log's new header, the one fsync per checkpoint left on the event loop (of
 * three).
 *
 * The thread starts at the first checkpoint and ends after a minute without one (it holds
 * ~10 MiB). If it cannot open the database or dies, `onUnavailable` is called once: the
 * connection must then checkpoint by itself again, or the log would grow without end.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const database = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
database.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    database.close();
    parentPort.close();
    return;
  }
  const [result] = database.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(result);
});
`;

/** What a checkpoint did: pages in the log, and how many of them are now in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** How often pending commits are looked at. */
  intervalMs?: number;
  /** This many commits since the last checkpoint start the next one. */
  commitsPerCheckpoint?: number;
  /** Fewer commits start one once the first of them has waited this long. */
  maxWaitMs?: number;
  /** Without a checkpoint for this long, the thread ends. */
  idleExitMs?: number;
  onUnavailable: () => void;
  /** Told of every checkpoint's outcome (tests, diagnostics). */
  onCheckpoint?: (result: CheckpointResult) => void;
}

const DEFAULT_INTERVAL_MS = 1_000;
const DEFAULT_COMMITS_PER_CHECKPOINT = 100;
const DEFAULT_MAX_WAIT_MS = 5 * 60_000;
const DEFAULT_IDLE_EXIT_MS = 60_000;

export class WalCheckpointer {
  readonly #intervalMs: number;
  readonly #commitsPerCheckpoint: number;
  readonly #maxWaitMs: number;
  readonly #idleExitMs: number;
  #thread: { worker: Worker; exited: Promise<void> } | null = null;
  #due: NodeJS.Timeout | null = null;
  #idle: NodeJS.Timeout | null = null;
  /** A checkpoint was asked for and has not answered; commits meanwhile wait for the next. */
  #running = false;
  /** Commits not yet covered by a checkpoint, and when the first of them came. */
  #commits = 0;
  #firstCommitAt = 0;
  #unavailable = false;
  #closed = false;

  constructor(
    private readonly databaseFile: string,
    private readonly options: WalCheckpointerOptions,
  ) {
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#commitsPerCheckpoint = options.commitsPerCheckpoint ?? DEFAULT_COMMITS_PER_CHECKPOINT;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.#idleExitMs = options.idleExitMs ?? DEFAULT_IDLE_EXIT_MS;
  }

  /** After a commit that wrote. */
  noteCommit(): void {
    if (this.#unavailable || this.#closed) return;
    if (this.#commits === 0) this.#firstCommitAt = Date.now();
    this.#commits += 1;
    if (!this.#running && !this.#due) this.#arm();
  }

  /** Ends the thread, after the checkpoint it is running; the database is then closed last. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimers();
    await this.#stopThread();
  }

  #arm(): void {
    this.#due = setTimeout(() => this.#checkpointIfDue(), this.#intervalMs);
    this.#due.unref();
  }

  #checkpointIfDue(): void {
    this.#due = null;
    const waitedMs = Date.now() - this.#firstCommitAt;
    if (this.#commits < this.#commitsPerCheckpoint && waitedMs < this.#maxWaitMs) {
      this.#arm();
      return;
    }
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#running = true;
    this.#commits = 0;
    this.#startedThread().postMessage('checkpoint');
  }

  #startedThread(): Worker {
    if (this.#thread) return this.#thread.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.databaseFile,
        betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    // Never what keeps a process alive: a command-line process ends when its work does.
    worker.unref();
    worker.on('message', (result: CheckpointResult) => this.#answered(result));
    worker.on('error', () => this.#fail());
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', () => {
        if (this.#thread?.worker === worker) this.#thread = null;
        if (this.#running && !this.#closed) this.#fail();
        resolve();
      });
    });
    this.#thread = { worker, exited };
    return worker;
  }

  #answered(result: CheckpointResult): void {
    this.#running = false;
    this.options.onCheckpoint?.(result);
    if (this.#closed) return;
    if (this.#commits > 0) this.#arm();
    else {
      this.#idle = setTimeout(() => void this.#stopThread(), this.#idleExitMs);
      this.#idle.unref();
    }
  }

  #fail(): void {
    if (this.#unavailable) return;
    this.#unavailable = true;
    this.#running = false;
    this.#clearTimers();
    this.options.onUnavailable();
  }

  async #stopThread(): Promise<void> {
    const thread = this.#thread;
    if (!thread) return;
    this.#thread = null;
    // Held open until it has closed its connection, so that ours closes last even at exit.
    thread.worker.ref();
    thread.worker.postMessage('close');
    await thread.exited;
  }

  #clearTimers(): void {
    if (this.#due) clearTimeout(this.#due);
    if (this.#idle) clearTimeout(this.#idle);
    this.#due = null;
    this.#idle = null;
  }
}
