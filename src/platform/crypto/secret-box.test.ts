import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

const keys = (current: number, ...versions: number[]) => ({
  current,
  keys: new Map(versions.map((v) => [v, randomBytes(32)])),
});

describe('secret box', () => {
  it('round-trips a secret and never stores it in the clear', () => {
    const masterKeys = keys(1, 1);
    const sealed = sealSecret(masterKeys, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(openSecret(masterKeys, sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value whose ciphertext was altered', () => {
    const masterKeys = keys(1, 1);
    const sealed = sealSecret(masterKeys, 'secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => openSecret(masterKeys, parts.join('.'))).toThrow();
  });

  it('still opens values sealed with an older key version after rotation', () => {
    const older = keys(1, 1);
    const sealed = sealSecret(older, 'kept');
    const rotated = { current: 2, keys: new Map([...older.keys, [2, randomBytes(32)]]) };
    expect(openSecret(rotated, sealed)).toBe('kept');
    expect(sealSecret(rotated, 'new').startsWith('v2.')).toBe(true);
  });

  it('refuses a value sealed with an unknown key version', () => {
    expect(() => openSecret(keys(1, 1), sealSecret(keys(3, 3), 'x'))).toThrow(/unknown/);
  });
});
