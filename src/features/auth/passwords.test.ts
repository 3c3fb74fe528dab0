import { describe, expect, it } from 'vitest';
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
