import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.js';

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

/** A process that keeps a core busy at normal priority, after saying it has started. */
const BURN_FOR_A_MINUTE =
  'process.stdout.write("."); const end = Date.now() + 60_000; while (Date.now() < end);';

describe('password hashing threads', () => {
  it('answers every one of a burst of verifications, queued behind the threads', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const guesses = ['correct horse battery staple', 'wrong', 'correct horse battery staple'];
    const answers = await Promise.all(
      [...guesses, ...guesses].map((guess) => verifyPassword(stored, guess)),
    );
    expect(answers).toEqual([true, false, true, true, false, true]);
  });

  it.runIf(process.platform === 'linux')(
    'hashes on a thread at the lowest CPU priority and the idle scheduling policy (Linux only: threads change their own through /proc and chrt)',
    async () => {
      // Fields 19 (nice) and 41 (policy) of a stat line, counted after the parenthesised name,
      // which may hold spaces.
      const schedulingOf = (statFile: string) => {
        const stat = readFileSync(statFile, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { nice: Number(fields[16]), policy: Number(fields[38]) };
      };
      const SCHED_IDLE = 5;
      // A pool of its own: under load, the shared one may have moved to normal priority.
      vi.resetModules();
      const fresh = await import('./passwords.js');
      await fresh.hashPassword('correct horse battery staple');
      const threads = readdirSync('/proc/self/task').map((tid) => `/proc/self/task/${tid}/stat`);
      expect(threads.map(schedulingOf)).toContainEqual({ nice: 19, policy: SCHED_IDLE });
      expect(schedulingOf(`/proc/self/task/${process.pid}/stat`)).toEqual({ nice: 0, policy: 0 });
    },
  );

  it.runIf(process.platform === 'linux')(
    'still hashes while every core is busy at normal priority, which starves idle-policy threads (Linux only)',
    async () => {
      // A pool of its own: one that already moved to normal priority would prove nothing.
      vi.resetModules();
      const fresh = await import('./passwords.js');
      const { hashThreadCounts } = await import('./password-hash-threads.js');
      // Two per core: one alone may leave a core free for a moment while the scheduler places it.
      const burners = Array.from({ length: 2 * availableParallelism() }, () =>
        // Each ends itself after a minute, should the test time out before it kills them.
        spawn(process.execPath, ['-e', BURN_FOR_A_MINUTE], {
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
      try {
        // A hash that starts before the burners spin finishes at once on the idle thread.
        await Promise.all(
          burners.map((burner) => new Promise((resolve) => burner.stdout.once('data', resolve))),
        );
        const stored = await fresh.hashPassword('correct horse battery staple');
        // The idle-policy thread may still catch a free moment now and then; a few rounds of
        // checks are sure to starve it at some point, and every answer must be right.
        const answers: boolean[][] = [];
        do {
          answers.push(
            await Promise.all(
              ['correct horse battery staple', 'wrong'].map((guess) =>
                fresh.verifyPassword(stored, guess),
              ),
            ),
          );
        } while (answers.length < 10 && hashThreadCounts().normalPriority === 0);
        for (const pair of answers) expect(pair).toEqual([true, false]);
        // The starved idle-policy thread handed its work on.
        expect(hashThreadCounts()).toMatchObject({ normalPriority: 1 });
      } finally {
        for (const burner of burners) burner.kill('SIGKILL');
      }
    },
  );
});
