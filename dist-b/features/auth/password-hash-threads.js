import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
/**
 * argon2 in worker threads that run at the lowest CPU priority.
 *
 * A hash keeps a core busy for tens of milliseconds. On the libuv pool (the addon's async API)
 * it runs at the event loop's priority, so a burst of sign-ins on a two-core box takes CPU
 * from every other request: /health/live p99 went up sixfold while 20 sign-ins ran. Here each
 * hash runs on a thread that lowers its own priority (nice 19) when it starts; the kernel then
 * gives the event loop the CPU first, and a burst of sign-ins slows sign-ins only. Linux lets
 * a thread renice itself through its thread id (read from /proc/thread-self); elsewhere the
 * threads keep the normal priority.
 *
 * At most one thread per core but one, started at the first hash and ended after a minute
 * without work, so an idle server holds none (each costs ~10 MiB).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 19);
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
class HashThread {
    onIdle;
    onGone;
    #worker;
    #task = null;
    #nextId = 0;
    #idleTimer = null;
    constructor(argon2Path, onIdle, 
    /** Called once, when the thread stops taking work (idle too long, or it died). */
    onGone) {
        this.onIdle = onIdle;
        this.onGone = onGone;
        this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: argon2Path } });
        this.#worker.on('message', (reply) => this.#settle(reply));
        this.#worker.on('error', (error) => this.#fail(error));
        this.#worker.on('exit', () => {
            this.#fail(new Error('password hashing thread stopped'));
            this.onGone(this);
        });
    }
    get busy() {
        return this.#task !== null;
    }
    run(task) {
        if (this.#idleTimer)
            clearTimeout(this.#idleTimer);
        this.#idleTimer = null;
        this.#task = task;
        this.#nextId += 1;
        // Held open while it works (a command-line process awaits the hash); idle, it holds nothing.
        this.#worker.ref();
        this.#worker.postMessage({ id: this.#nextId, operation: task.operation, args: task.args });
    }
    #settle(reply) {
        const task = this.#task;
        if (!task || reply.id !== this.#nextId)
            return;
        this.#task = null;
        this.#worker.unref();
        if (reply.error !== undefined)
            task.reject(new Error(reply.error));
        else
            task.resolve(reply.result);
        this.#idleTimer = setTimeout(() => {
            this.onGone(this);
            void this.#worker.terminate();
        }, IDLE_EXIT_MS);
        this.#idleTimer.unref();
        this.onIdle(this);
    }
    #fail(error) {
        const task = this.#task;
        this.#task = null;
        task?.reject(error);
    }
}
const threads = new Set();
const queue = [];
let argon2Path;
function dispatch(thread) {
    const next = queue.shift();
    if (next)
        thread.run(next);
}
function startThread() {
    argon2Path ??= createRequire(import.meta.url).resolve('@node-rs/argon2');
    const thread = new HashThread(argon2Path, dispatch, (gone) => {
        if (!threads.delete(gone))
            return;
        // A thread that died with work queued is replaced so the queue is not stranded.
        if (queue.length > 0 && threads.size < MAX_THREADS)
            dispatch(startThread());
    });
    threads.add(thread);
    return thread;
}
/** Runs one argon2 operation (`hashSync`/`verifySync` arguments) on a low-priority thread. */
export function runOnHashThread(operation, args) {
    return new Promise((resolve, reject) => {
        const task = { operation, args, resolve, reject };
        const idle = [...threads].find((thread) => !thread.busy);
        if (idle)
            return idle.run(task);
        queue.push(task);
        if (threads.size < MAX_THREADS)
            dispatch(startThread());
    });
}
//# sourceMappingURL=password-hash-threads.js.map