import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
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

  it('hands a hash still running after a second to a normal-priority thread, so a busy box cannot starve sign-ins', async () => {
    // A pool of its own: one that already moved to normal priority would prove nothing.
    vi.resetModules();
    const { hashThreadCounts, runOnHashThread } = await import('./password-hash-threads.js');
    expect(hashThreadCounts()).toEqual({ idlePriority: 0, normalPriority: 0 });
    // An idle-policy thread gets no CPU while every core is busy at normal priority (a model
    // generating on the CPU); how busy this machine is cannot be controlled, so the hash is
    // made to take longer than a second instead, which the pool cannot tell apart.
    const slow = { ...ARGON2_PARAMS, memoryCost: 65_536, timeCost: 80 };
    const hash = await runOnHashThread('hash', ['correct horse battery staple', slow]);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=80,p=1\$/);
    expect(hashThreadCounts()).toEqual({ idlePriority: 1, normalPriority: 1 });
  });
});
