import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/child-process.js';
import { freshInstallation, runInProcess } from '../../test/support/cli-commands.js';
import type { Config } from '../config/config.js';
import {
  SECRET_FILES,
  generateSigningKey,
  loadOrCreateSecrets,
  type SigningKey,
} from '../config/secrets.js';
import { createAccessTokens } from '../features/auth/access-tokens.js';
import {
  SUPERSEDED_KEY_GRACE_MS,
  rotateSecretsCommand,
  rotateSigningKeys,
} from './secrets-rotate.command.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function installation(): Promise<{ config: Config; env: Record<string, string> }> {
  const fresh = await freshInstallation();
  cleanups.push(fresh.cleanup);
  return fresh;
}

const HOUR = 60 * 60 * 1000;
const keyMadeAgo = (ms: number): SigningKey => ({
  ...generateSigningKey(),
  createdAt: new Date(Date.now() - ms).toISOString(),
});
const keysFile = (config: Config) => path.join(config.dataDir, SECRET_FILES.signingKeys);
const readKeys = (config: Config) =>
  (JSON.parse(readFileSync(keysFile(config), 'utf8')) as { keys: SigningKey[] }).keys;
const claims = { sub: 'user-1', sid: 'session-1', role: 'admin' } as const;

describe('rotateSigningKeys', () => {
  it('puts the new key first and keeps the keys superseded within the last day', () => {
    const current = keyMadeAgo(30 * 24 * HOUR);
    const older = keyMadeAgo(31 * 24 * HOUR);
    const fresh = generateSigningKey();
    expect(rotateSigningKeys([current, older], fresh)).toEqual([fresh, current]);

    const recent = keyMadeAgo(2 * HOUR);
    expect(rotateSigningKeys([recent, current, older], fresh)).toEqual([fresh, recent, current]);
    const justOverADay = keyMadeAgo(SUPERSEDED_KEY_GRACE_MS + HOUR);
    expect(rotateSigningKeys([justOverADay, current], fresh)).toEqual([fresh, justOverADay]);
  });
});

describe('enclave secrets rotate', () => {
  it('adds a new signing key, keeps the old one verifying, and writes the file privately', async () => {
    const { config } = await installation();
    const { secrets } = loadOrCreateSecrets(config);
    const before = createAccessTokens(secrets.signingKeys);
    const oldToken = before.sign(claims);

    const result = await runInProcess(config, rotateSecretsCommand);
    expect(result.code).toBe(0);
    const keys = readKeys(config);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toEqual(secrets.signingKeys[0]);
    expect(keys[0]?.kid).not.toBe(secrets.signingKeys[0]?.kid);
    expect(statSync(keysFile(config)).mode & 0o777).toBe(0o600);
    expect(readdirSync(config.dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // What a restarted server loads: the new key signs, and the old token still verifies.
    const after = createAccessTokens(loadOrCreateSecrets(config).secrets.signingKeys);
    expect(after.verify(oldToken)).toMatchObject(claims);
    const newToken = after.sign(claims);
    expect(after.verify(newToken)).toMatchObject(claims);
    expect(before.verify(newToken)).toBeNull();

    const output = result.out.join('\n');
    expect(output).toContain(`New signing key ${keys[0]?.kid}`);
    expect(output).toContain('Kept 1 older key(s)');
    expect(output).toContain('Restart every Enclave server');
    expect(output).not.toContain('PRIVATE KEY');
  });

  it('drops keys superseded more than a day ago', async () => {
    const { config } = await installation();
    loadOrCreateSecrets(config);
    const current = keyMadeAgo(3 * 24 * HOUR);
    const retired = keyMadeAgo(10 * 24 * HOUR);
    writeFileSync(keysFile(config), JSON.stringify({ keys: [current, retired] }), { mode: 0o600 });
    const result = await runInProcess(config, rotateSecretsCommand);
    expect(result.code).toBe(0);
    expect(
      readKeys(config)
        .map((key) => key.kid)
        .slice(1),
    ).toEqual([current.kid]);
    expect(result.out.join('\n')).toContain('removed 1 superseded more than a day ago');
  });

  it('refuses a missing or damaged key file without changing it or quoting it', async () => {
    const { config } = await installation();
    const missing = await runInProcess(config, rotateSecretsCommand);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('does not exist yet');

    loadOrCreateSecrets(config);
    const damaged = '{"keys":[{"kid":"k","privateKeyPem":"-----BEGIN PRIVATE KEY----- abc"}]}';
    writeFileSync(keysFile(config), damaged);
    const result = await runInProcess(config, rotateSecretsCommand);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain('is not a valid signing-key file');
    expect(result.err.join('\n')).not.toContain('PRIVATE KEY');
    expect(readFileSync(keysFile(config), 'utf8')).toBe(damaged);
  });

  it('runs as `enclave secrets rotate`', async () => {
    const { config, env } = await installation();
    loadOrCreateSecrets(config);
    const [before] = readKeys(config);
    const result = await runCli(['secrets', 'rotate'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Restart every Enclave server');
    expect(readKeys(config)[1]).toEqual(before);
  });
});
