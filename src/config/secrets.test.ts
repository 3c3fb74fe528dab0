import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../../test/support/test-env.js';
import { loadConfig } from './config.js';
import { SECRET_FILES, loadOrCreateSecrets } from './secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function configIn(env: Record<string, string> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  return loadConfig({ env: { ENCLAVE_DATA_DIR: path.join(dir, 'data'), ...env }, cwd: dir });
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('generated secrets', () => {
  it('creates the data dir 0700 and every secret file 0600 on first start', () => {
    const config = configIn();
    const { created, secrets } = loadOrCreateSecrets(config);
    expect(created.sort()).toEqual(Object.values(SECRET_FILES).sort());
    expect(mode(config.dataDir)).toBe(0o700);
    for (const name of Object.values(SECRET_FILES)) {
      expect(mode(path.join(config.dataDir, name)), name).toBe(0o600);
    }
    expect(secrets.signingKeys).toHaveLength(1);
    expect(secrets.signingKeys[0]?.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(secrets.masterKeys.keys.get(secrets.masterKeys.current)).toHaveLength(32);
    expect(secrets.metricsToken.length).toBeGreaterThanOrEqual(40);
  });

  it('reuses the same secrets on every later start', () => {
    const config = configIn();
    const first = loadOrCreateSecrets(config);
    const contents = Object.values(SECRET_FILES).map((name) =>
      readFileSync(path.join(config.dataDir, name), 'utf8'),
    );
    const second = loadOrCreateSecrets(config);
    expect(second.created).toEqual([]);
    expect(second.secrets.metricsToken).toBe(first.secrets.metricsToken);
    expect(second.secrets.signingKeys).toEqual(first.secrets.signingKeys);
    expect(second.secrets.masterKeys.keys.get(1)).toEqual(first.secrets.masterKeys.keys.get(1));
    expect(
      Object.values(SECRET_FILES).map((name) =>
        readFileSync(path.join(config.dataDir, name), 'utf8'),
      ),
    ).toEqual(contents);
  });

  it('uses secrets supplied in the environment instead of writing files for them', () => {
    const masterKey = Buffer.alloc(32, 7).toString('base64');
    const config = configIn({
      ENCLAVE_MASTER_KEY: masterKey,
      ENCLAVE_METRICS_TOKEN: 'm'.repeat(10) + 'supplied-metrics-token-0123456789',
    });
    const { created, secrets } = loadOrCreateSecrets(config);
    expect(created).toEqual([SECRET_FILES.signingKeys]);
    expect(secrets.metricsToken).toBe(config.suppliedSecrets.metricsToken);
    expect(secrets.masterKeys.keys.get(1)?.toString('base64')).toBe(masterKey);
  });
});
