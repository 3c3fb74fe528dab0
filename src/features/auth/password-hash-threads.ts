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
 * At most one thread per core but one, started at the first hash and ended after a minute
 * without work, so an idle server holds none (each costs ~10 MiB).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 19);
  require('node:child_process').execFileSync('chrt', ['--idle', '-p', '0', String(tid)], { stdio: 'ignore' });
} catch {}
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

export type HashOperation = 'hash' | 'verify';

interface Task {
  operation: HashOperation;
  args: readonly unknown[];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
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

  constructor(
    argon2Path: string,
    private readonly onIdle: (thread: HashThread) => void,
    /** Called once, when the thread stops taking work (idle too long, or it died). */
    private readonly onGone: (thread: HashThread) => void,
  ) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: argon2Path } });
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', () => {
      this.#fail(new Error('password hashing thread stopped'));
      this.onGone(this);
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
  }

  #settle(reply: Reply): void {
    const task = this.#task;
    if (!task || reply.id !== this.#nextId) return;
    this.#task = null;
    this.#worker.unref();
    if (reply.error !== undefined) task.reject(new Error(reply.error));
    else task.resolve(reply.result);
    this.#idleTimer = setTimeout(() => {
      this.onGone(this);
      void this.#worker.terminate();
    }, IDLE_EXIT_MS);
    this.#idleTimer.unref();
    this.onIdle(this);
  }

  #fail(error: Error): void {
    const task = this.#task;
    this.#task = null;
    task?.reject(error);
  }
}

const threads = new Set<HashThread>();
const queue: Task[] = [];
let argon2Path: string | undefined;

function dispatch(thread: HashThread): void {
  const next = queue.shift();
  if (next) thread.run(next);
}

function startThread(): HashThread {
  argon2Path ??= createRequire(import.meta.url).resolve('@node-rs/argon2');
  const thread = new HashThread(argon2Path, dispatch, (gone) => {
    if (!threads.delete(gone)) return;
    // A thread that died with work queued is replaced so the queue is not stranded.
    if (queue.length > 0 && threads.size < MAX_THREADS) dispatch(startThread());
  });
  threads.add(thread);
  return thread;
}

/** Runs one argon2 operation (`hashSync`/`verifySync` arguments) on a low-priority thread. */
export function runOnHashThread(
  operation: HashOperation,
  args: readonly unknown[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const task: Task = { operation, args, resolve, reject };
    const idle = [...threads].find((thread) => !thread.busy);
    if (idle) return idle.run(task);
    queue.push(task);
    if (threads.size < MAX_THREADS) dispatch(startThread());
  });
}
