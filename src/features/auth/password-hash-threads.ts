import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * argon2 in worker threads that run at the lowest CPU priority.
 *
 * A hash keeps a core busy for tens of milliseconds. On the libuv pool (the addon's async API)
 * it runs at the event loop's priority, so a burst of sign-ins on a two-core box takes CPU
 * from every other request: /health/live p99 went up sixfold while 20 sign-ins ran. Here each
 * hash runs on a thread that lowers its own priority when it starts: nice 19, then Linux's
 * SCHED_IDLE through `chrt` (util-linux). Nice 19 alone still let a hash keep a core for a
 * time slice (a few milliseconds) after a request's thread woke up; an idle-policy thread
 * gives way at once, to Enclave's event loop and to every other process on the box (a model
 * server on the same edge device). With the policy, a bare Fastify server beside a thread
 * hashing without pause answered with a p99 of 0.54 ms (0.38 ms with no hashing); with nice
 * 19 only, 2.3 ms (medians of five 5-s probes at 1,000 req/s). Linux lets a thread change its
 * own priority through its thread id (read from /proc/thread-self); where that or `chrt` is
 * missing the threads keep what they could get.
 *
 * An idle-policy thread never runs while the box is busy with normal-priority work (a model
 * server generating on the CPU, say): a sign-in would wait for as long as that lasts. So a hash
 * that has not finished a second after it started is handed, with the queue, to a thread at
 * normal priority, which serves every hash until it has been idle for a minute.
 *
 * At most one thread per core but one, started at the first hash and ended after a minute
 * without work, so an idle server holds none (each costs ~10 MiB).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.lowPriority) {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    require('node:os').setPriority(tid, 19);
    require('node:child_process').execFileSync('chrt', ['--idle', '-p', '0', String(tid)], { stdio: 'ignore' });
  } catch {}
}
const argon2 = require(workerData.argon2);
parentPort.on('message', ({ id, operation, args }) => {
  try {
    const result = operation === 'hash' ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

const MAX_THREADS = Math.max(1, availableParallelism() - 1);
const IDLE_EXIT_MS = 60_000;
/** Far longer than a hash takes on a small box; longer means the thread is not being run. */
const STARVED_AFTER_MS = 1_000;

export type HashOperation = 'hash' | 'verify';

interface Task {
  operation: HashOperation;
  args: readonly unknown[];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  /** A starved task runs twice; the first answer settles it. */
  settled: boolean;
}

interface PoolHooks {
  onIdle: (thread: HashThread) => void;
  /** Called once, when the thread stops taking work (idle too long, or it died). */
  onGone: (thread: HashThread) => void;
  onStarved: (task: Task) => void;
}

function settle(task: Task, outcome: { result?: unknown; error?: Error }): void {
  if (task.settled) return;
  task.settled = true;
  if (outcome.error) task.reject(outcome.error);
  else task.resolve(outcome.result);
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

class HashThread {
  readonly #worker: Worker;
  #task: Task | null = null;
  #nextId = 0;
  #idleTimer: NodeJS.Timeout | null = null;
  #starvedTimer: NodeJS.Timeout | null = null;

  constructor(
    argon2Path: string,
    readonly lowPriority: boolean,
    private readonly hooks: PoolHooks,
  ) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2: argon2Path, lowPriority },
    });
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', () => {
      this.#fail(new Error('password hashing thread stopped'));
      this.hooks.onGone(this);
    });
  }

  get busy(): boolean {
    return this.#task !== null;
  }

  run(task: Task): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#task = task;
    this.#nextId += 1;
    // Held open while it works (a command-line process awaits the hash); idle, it holds nothing.
    this.#worker.ref();
    this.#worker.postMessage({ id: this.#nextId, operation: task.operation, args: task.args });
    if (this.lowPriority) {
      this.#starvedTimer = setTimeout(() => this.hooks.onStarved(task), STARVED_AFTER_MS);
      this.#starvedTimer.unref();
    }
  }

  #settle(reply: Reply): void {
    const task = this.#task;
    if (!task || reply.id !== this.#nextId) return;
    this.#task = null;
    this.#clearStarvedTimer();
    this.#worker.unref();
    settle(
      task,
      reply.error === undefined ? { result: reply.result } : { error: new Error(reply.error) },
    );
    this.#idleTimer = setTimeout(() => {
      this.hooks.onGone(this);
      void this.#worker.terminate();
    }, IDLE_EXIT_MS);
    this.#idleTimer.unref();
    this.hooks.onIdle(this);
  }

  #fail(error: Error): void {
    const task = this.#task;
    this.#task = null;
    this.#clearStarvedTimer();
    if (task) settle(task, { error });
  }

  #clearStarvedTimer(): void {
    if (this.#starvedTimer) clearTimeout(this.#starvedTimer);
    this.#starvedTimer = null;
  }
}

/** Idle-priority threads. */
const threads = new Set<HashThread>();
/** The normal-priority thread, while one lives: it takes all work, idle-priority ones none. */
let urgent: HashThread | null = null;
const queue: Task[] = [];
let argon2Path: string | undefined;

const hooks: PoolHooks = {
  onIdle: dispatch,
  onStarved(task) {
    if (task.settled) return;
    urgent ??= startThread(false);
    // The same work again; the starved thread's answer, if it ever comes, is dropped.
    if (urgent.busy) queue.unshift(task);
    else urgent.run(task);
  },
  onGone(gone) {
    if (gone === urgent) urgent = null;
    else if (!threads.delete(gone)) return;
    // A thread that died with work queued is replaced so the queue is not stranded.
    if (queue.length === 0) return;
    if (urgent) dispatch(urgent);
    else if (threads.size < MAX_THREADS) dispatch(startThread(true));
  },
};

function dispatch(thread: HashThread): void {
  if (urgent && thread !== urgent) return;
  let next = queue.shift();
  while (next?.settled) next = queue.shift();
  if (next) thread.run(next);
}

function startThread(lowPriority: boolean): HashThread {
  argon2Path ??= createRequire(import.meta.url).resolve('@node-rs/argon2');
  const thread = new HashThread(argon2Path, lowPriority, hooks);
  if (lowPriority) threads.add(thread);
  return thread;
}

/** How many hashing threads live now, by priority (for tests and diagnostics). */
export function hashThreadCounts(): { idlePriority: number; normalPriority: number } {
  return { idlePriority: threads.size, normalPriority: urgent ? 1 : 0 };
}

/** Runs one argon2 operation (`hashSync`/`verifySync` arguments) on a hashing thread. */
export function runOnHashThread(
  operation: HashOperation,
  args: readonly unknown[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const task: Task = { operation, args, resolve, reject, settled: false };
    const free = urgent ? (urgent.busy ? undefined : urgent) : [...threads].find((t) => !t.busy);
    if (free) return free.run(task);
    queue.push(task);
    if (!urgent && threads.size < MAX_THREADS) dispatch(startThread(true));
  });
}
