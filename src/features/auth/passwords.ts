import { readFileSync } from 'node:fs';
import { runInHashProcess } from './password-hash-processes.js';

/** OWASP's argon2id parameters: 19 MiB, two passes, one lane. */
export const ARGON2_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const PARAMS_IN_HASH = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  return (await runInHashProcess('hash', [password, ARGON2_PARAMS])) as string;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return (await runInHashProcess('verify', [passwordHash, password])) === true;
  } catch {
    return false;
  }
}

/** A hash made with other parameters than today's, to be replaced at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(PARAMS_IN_HASH);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so a sign-in for an unknown username costs the same time
 * as one for a real account and timing does not tell them apart.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('enclave-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

let commonPasswords: Set<string> | undefined;

function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('../../../assets/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return commonPasswords.has(candidate);
}

/**
 * The password policy of CONTRACT.md: at least 12 characters, not the username, not a common
 * password (nor one followed only by digits or punctuation, such as `password2024!`). Returns
 * what is wrong, or null.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (
    lower === name ||
    (lower.includes(name) && name.length >= 4 && lower.replace(name, '').length < 6)
  ) {
    return 'The password must not be the username.';
  }
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (isCommon(lower) || (stem.length >= 6 && isCommon(stem)) || /^(.)\1+$/u.test(lower)) {
    return 'The password is too common; choose one that others would not guess.';
  }
  return null;
}
