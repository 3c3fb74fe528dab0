import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ARGON2_PARAMS,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from './passwords.js';

describe('password policy', () => {
  it.each([
    ['short', 'Tr0ub4dor&3', /at least 12/],
    ['the username', 'alice-wonderland', /username/],
    ['the username with a little added', 'alice-wonderland1', /username/],
    ['a common password', 'qwertyuiop123', /common/],
    ['a common password with digits after it', 'password123456', /common/],
    ['a common password with punctuation after it', 'sunshine2024!!', /common/],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', /common/],
  ])('refuses %s', (_case, password, message) => {
    expect(passwordProblem(password, 'alice-wonderland')).toMatch(message);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'alice')).toBeNull();
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('marks a hash made with other parameters for rehashing', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA')).toBe(true);
  });

  it('answers false, not an error, for a malformed stored hash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });
});

describe('password hashing processes', () => {
  /** A pool of its own: the shared one may have moved to normal priority, or be busy. */
  async function freshPool() {
    vi.resetModules();
    return import('./password-hash-processes.js');
  }

  function isAlive(pid: number): boolean {
    try {
      return process.kill(pid, 0);
    } catch {
      return false;
    }
  }

  /** Processes a test stopped, killed after it if the pool has not already. */
  const stopped: number[] = [];
  /** What a box busy at normal priority does to an idle-policy process, for as long as it lasts. */
  function starve(pid: number): void {
    stopped.push(pid);
    process.kill(pid, 'SIGSTOP');
  }

  afterEach(() => {
    vi.useRealTimers();
    for (const pid of stopped.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  /** Timers by hand, so that hand-overs and the idle minute come exactly when the test says. */
  const timersByHand = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

  /** Never 0 or undefined, which `process.kill` would take for this process's whole group. */
  function pidOf(hasher: { pid: number | undefined } | undefined): number {
    if (!hasher?.pid) throw new Error('no such hashing process');
    return hasher.pid;
  }

  it('answers every one of a burst of verifications, queued behind the processes', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const guesses = ['correct horse battery staple', 'wrong', 'correct horse battery staple'];
    const answers = await Promise.all(
      [...guesses, ...guesses].map((guess) => verifyPassword(stored, guess)),
    );
    expect(answers).toEqual([true, false, true, true, false, true]);
  });

  it.runIf(process.platform === 'linux')(
    'hashes in a process of its own at the lowest CPU priority and the idle policy, and leaves every thread of this one alone (Linux only: /proc and chrt)',
    async () => {
      // Fields 19 (nice) and 41 (policy) of a stat line, counted after the parenthesised name,
      // which may hold spaces.
      const schedulingOf = (statFile: string) => {
        const stat = readFileSync(statFile, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { nice: Number(fields[16]), policy: Number(fields[38]) };
      };
      const threadsOf = (pid: number | 'self') =>
        readdirSync(`/proc/${pid}/task`).map((tid) =>
          schedulingOf(`/proc/${pid}/task/${tid}/stat`),
        );
      const SCHED_IDLE = 5;
      const pool = await freshPool();
      // No hand-over while the test looks: on a busy box one would end the idle process.
      timersByHand();
      const hashing = pool.runInHashProcess('hash', [
        'correct horse battery staple',
        ARGON2_PARAMS,
      ]);
      const hasher = pidOf(pool.hashProcesses()[0]);
      expect(hasher).not.toBe(process.pid);
      // It lowers itself as it starts, running at normal priority until then.
      await expect
        .poll(() => new Set(threadsOf(hasher).map((t) => JSON.stringify(t))), {
          timeout: 20_000,
        })
        .toEqual(new Set([JSON.stringify({ nice: 19, policy: SCHED_IDLE })]));
      // An idle-policy thread here, stopped by a busy box while it held a lock of this
      // process (the loader's, the memory map's), would stall the event loop with it.
      expect(threadsOf('self').map((t) => t.policy)).not.toContain(SCHED_IDLE);
      // Answered already, or now by a normal-priority process.
      vi.advanceTimersByTime(1_000);
      expect(await hashing).toMatch(/^\$argon2id\$/);
    },
  );

  it('hands a hash that gets no CPU for a second to a normal-priority process and ends the starved one, so a busy box cannot starve sign-ins', async () => {
    const pool = await freshPool();
    const hashing = pool.runInHashProcess('hash', ['correct horse battery staple', ARGON2_PARAMS]);
    const idle = pidOf(pool.hashProcesses()[0]);
    starve(idle);
    const stored = (await hashing) as string;
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(pool.hashProcesses().map((p) => p.priority)).toEqual(['normal']);
    // Left alive, it would keep a command-line process waiting for a hash already answered.
    // Killed, it still needs CPU at its idle priority to exit, which a busy box hardly gives.
    await expect.poll(() => isAlive(idle), { timeout: 20_000 }).toBe(false);
  });

  it('answers every hash when starved ones move while the normal-priority process is busy', async () => {
    const pool = await freshPool();
    timersByHand();
    const passwords = ['first password here', 'second password here', 'third password here'];
    const hashing = passwords.map((password) =>
      pool.runInHashProcess('hash', [password, ARGON2_PARAMS]),
    );
    for (const hasher of pool.hashProcesses()) starve(pidOf(hasher));
    vi.advanceTimersByTime(1_000);
    const hashes = (await Promise.all(hashing)) as string[];
    vi.useRealTimers();
    const verified = await Promise.all(
      hashes.map((hash, i) => verifyPassword(hash, passwords[i] ?? '')),
    );
    expect(verified).toEqual([true, true, true]);
  });

  it('ends the normal-priority process after a minute without work', async () => {
    const pool = await freshPool();
    timersByHand();
    const hashing = pool.runInHashProcess('hash', ['correct horse battery staple', ARGON2_PARAMS]);
    starve(pidOf(pool.hashProcesses()[0]));
    vi.advanceTimersByTime(1_000);
    expect(await hashing).toMatch(/^\$argon2id\$/);
    const urgent = pidOf(pool.hashProcesses()[0]);
    expect(pool.hashProcesses()).toEqual([{ pid: urgent, priority: 'normal' }]);
    vi.advanceTimersByTime(59_000);
    expect(pool.hashProcesses()).toEqual([{ pid: urgent, priority: 'normal' }]);
    vi.advanceTimersByTime(1_000);
    expect(pool.hashProcesses()).toEqual([]);
    vi.useRealTimers();
    await expect.poll(() => isAlive(urgent), { timeout: 20_000 }).toBe(false);
  });

  it('gives a hash whose process was killed under it another process, not a failure', async () => {
    const pool = await freshPool();
    // Ten passes: long enough that the kill lands while the process still works.
    const hashing = pool.runInHashProcess('hash', [
      'correct horse battery staple',
      { ...ARGON2_PARAMS, timeCost: 10 },
    ]);
    const killed = pidOf(pool.hashProcesses()[0]);
    process.kill(killed, 'SIGKILL');
    const stored = await hashing;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=10,p=1\$/);
    expect(pool.hashProcesses().map((p) => p.pid)).not.toContain(killed);
    expect(await verifyPassword(stored as string, 'correct horse battery staple')).toBe(true);
  });
});
