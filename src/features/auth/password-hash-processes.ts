import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

/**
 * argon2 in child processes that run at the lowest CPU priority.
 *
 * A hash keeps a core busy for tens of milliseconds. At the event loop's priority, a burst of
 * sign-ins on a two-core box takes CPU from every other request: /health/live p99 went up
 * sixfold while 20 sign-ins ran. Here each hash runs in a process that lowers its own priority
 * when it starts: nice 19, then Linux's SCHED_IDLE through `chrt` (util-linux). Nice 19 alone
 * still let a hash keep a core for a time slice (a few milliseconds) after a request's thread
 * woke up; an idle-policy task gives way at once, to Enclave's event loop and to every other
 * process on the box (a model server on the same edge device).
 *
 * Processes, not threads: an idle-policy task gets no CPU while the box is busy, and a thread
 * stopped in the middle of a `dlopen`, a `munmap` or an allocation holds locks that every
 * thread of its process needs. With hashing threads, the event loop stalled for up to 1.25 s
 * while four busy processes ran on two cores; a process shares no such lock with the server.
 *
 * An idle-policy process never runs while the box is busy with normal-priority work (a model
 * server generating on the CPU, say): a sign-in would wait for as long as that lasts. So a hash
 * that has not finished a second after it started is handed, with the queue, to a process at
 * normal priority, which serves every hash until it has been idle for a minute; the starved
 * process is ended.
 *
 * One process per core but one, at most two (each holds ~45 MiB while it lives, 19 MiB of it
 * the hash's), started at the first hash and ended after a minute without work, so an idle
 * server holds none. They end with the server, even in the middle of a hash.
 */
const PROCESS_SOURCE = `
const [argon2Path, priority] = process.argv.slice(1);
if (priority === 'idle') {
  try {
    const os = require('node:os');
    for (const tid of require('node:fs').readdirSync('/proc/self/task')) os.setPriority(Number(tid), 19);
    require('node:child_process').execFileSync('chrt', ['--idle', '--all-tasks', '-p', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {}
}
const argon2 = require(argon2Path);
process.on('disconnect', () => process.exit(0));
process.on('message', ({ operation, args }) => {
  let reply;
  try {
    reply = { result: operation === 'hash' ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send(reply);
});
`;

const MAX_IDLE_PROCESSES = Math.min(2, Math.max(1, availableParallelism() - 1));
const IDLE_EXIT_MS = 60_000;
/** Far longer than a hash takes on a small box; longer means the process is not being run. */
const STARVED_AFTER_MS = 1_000;

export type HashOperation = 'hash' | 'verify';
type Priority = 'idle' | 'normal';

interface Task {
  operation: HashOperation;
  args: readonly unknown[];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  /** Whether it already lost a process that died under it (it gets one more). */
  orphaned?: boolean;
}

interface PoolHooks {
  onIdle: (worker: HashProcess) => void;
  /** Called once, when the process stops taking work (idle too long, or it died under a task). */
  onGone: (worker: HashProcess, unfinished?: { task: Task; error: Error }) => void;
  onStarved: (worker: HashProcess, task: Task) => void;
}

interface Reply {
  result?: unknown;
  error?: string;
}

class HashProcess {
  readonly #child: ChildProcess;
  /** Its one task at a time; a task is in one place only, the queue or one process. */
  #task: Task | null = null;
  #gone = false;
  #idleTimer: NodeJS.Timeout | null = null;
  #starvedTimer: NodeJS.Timeout | null = null;

  constructor(
    argon2Path: string,
    readonly priority: Priority,
    private readonly hooks: PoolHooks,
  ) {
    // Only stderr is shared, for a crash's message; no loader or inspector flags of ours.
    this.#child = spawn(process.execPath, ['-e', PROCESS_SOURCE, argon2Path, priority], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child.on('message', (reply: Reply) => this.#settle(reply));
    this.#child.on('error', (error) => this.#end(error));
    this.#child.on('exit', () => this.#end(new Error('password hashing process stopped')));
    this.#holdServerOpen(false);
  }

  get busy(): boolean {
    return this.#task !== null;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  run(task: Task): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#task = task;
    // Held open while it works (a command-line process awaits the hash); idle, it holds nothing.
    this.#holdServerOpen(true);
    this.#child.send({ operation: task.operation, args: task.args }, (error) => {
      if (error) this.stop();
    });
    if (this.priority === 'idle') {
      this.#starvedTimer = setTimeout(() => this.hooks.onStarved(this, task), STARVED_AFTER_MS);
      this.#starvedTimer.unref();
    }
  }

  stop(): void {
    this.#child.kill('SIGKILL');
  }

  /**
   * Leaves the pool at once, so no task is sent to it while it dies, and is killed. Its task,
   * if it has one, has been handed to another process.
   */
  retire(): void {
    this.#task = null;
    this.#end(new Error('password hashing process retired'));
    this.stop();
  }

  #holdServerOpen(hold: boolean): void {
    if (hold) {
      this.#child.ref();
      this.#child.channel?.ref();
    } else {
      this.#child.unref();
      this.#child.channel?.unref();
    }
  }

  #settle(reply: Reply): void {
    const task = this.#task;
    if (!task) return;
    this.#task = null;
    this.#clearStarvedTimer();
    this.#holdServerOpen(false);
    if (reply.error === undefined) task.resolve(reply.result);
    else task.reject(new Error(reply.error));
    this.#idleTimer = setTimeout(() => this.retire(), IDLE_EXIT_MS);
    this.#idleTimer.unref();
    this.hooks.onIdle(this);
  }

  /** The process is gone, or never started: the pool forgets it and decides about its task. */
  #end(error: Error): void {
    if (this.#gone) return;
    this.#gone = true;
    const task = this.#task;
    this.#task = null;
    this.#clearStarvedTimer();
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#holdServerOpen(false);
    this.hooks.onGone(this, task ? { task, error } : undefined);
  }

  #clearStarvedTimer(): void {
    if (this.#starvedTimer) clearTimeout(this.#starvedTimer);
    this.#starvedTimer = null;
  }
}

/** Idle-priority processes. */
const idleWorkers = new Set<HashProcess>();
/** The normal-priority process, while one lives: it takes all work, idle-priority ones none. */
let urgent: HashProcess | null = null;
const queue: Task[] = [];
let argon2Path: string | undefined;
let stoppedOnExit = false;

const hooks: PoolHooks = {
  onIdle: dispatch,
  onStarved(starved, task) {
    urgent ??= startProcess('normal');
    if (urgent.busy) queue.unshift(task);
    else urgent.run(task);
    // Its answer would come too late to matter; meanwhile it would hold memory and keep a
    // command-line process (which waits for its hashes) from exiting.
    starved.retire();
  },
  onGone(gone, unfinished) {
    const wasUrgent = gone === urgent;
    if (wasUrgent) urgent = null;
    else idleWorkers.delete(gone);
    if (unfinished) {
      // A process killed under its hash (out of memory, say) costs that hash one more try,
      // not a sign-in refused as if the password were wrong.
      if (unfinished.task.orphaned) unfinished.task.reject(unfinished.error);
      else {
        unfinished.task.orphaned = true;
        queue.unshift(unfinished.task);
      }
    }
    // A process that died with work queued is replaced so the queue is not stranded; work that
    // had moved to normal priority stays there.
    if (queue.length === 0) return;
    if (wasUrgent) urgent = startProcess('normal');
    if (urgent) dispatch(urgent);
    else if (idleWorkers.size < MAX_IDLE_PROCESSES) dispatch(startProcess('idle'));
  },
};

function dispatch(worker: HashProcess): void {
  if (worker.busy || (urgent && worker !== urgent)) return;
  const next = queue.shift();
  if (next) worker.run(next);
}

function startProcess(priority: Priority): HashProcess {
  argon2Path ??= createRequire(import.meta.url).resolve('@node-rs/argon2');
  if (!stoppedOnExit) process.once('exit', stopAll);
  stoppedOnExit = true;
  const worker = new HashProcess(argon2Path, priority, hooks);
  if (priority === 'idle') idleWorkers.add(worker);
  return worker;
}

/** A hash in progress cannot be interrupted; its process is killed instead of outliving us. */
function stopAll(): void {
  for (const worker of idleWorkers) worker.stop();
  urgent?.stop();
}

/** The hashing processes alive now (for tests and diagnostics). */
export function hashProcesses(): { pid: number | undefined; priority: Priority }[] {
  return [...idleWorkers, ...(urgent ? [urgent] : [])].map(({ pid, priority }) => ({
    pid,
    priority,
  }));
}

/** Runs one argon2 operation (`hashSync`/`verifySync` arguments) in a hashing process. */
export function runInHashProcess(
  operation: HashOperation,
  args: readonly unknown[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const task: Task = { operation, args, resolve, reject };
    // While a normal-priority process lives, it takes all work.
    const free = (urgent ? [urgent] : [...idleWorkers]).find((worker) => !worker.busy);
    if (free) return free.run(task);
    queue.push(task);
    if (!urgent && idleWorkers.size < MAX_IDLE_PROCESSES) dispatch(startProcess('idle'));
  });
}
