import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../../test/support/test-env.js';
import { loadConfig } from './config.js';
import { findProductionProblems } from './production-checks.js';
import { SECRET_FILES, loadOrCreateSecrets } from './secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function productionConfig(env: Record<string, string> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const config = loadConfig({
    env: { NODE_ENV: 'production', ENCLAVE_DATA_DIR: path.join(dir, 'data'), ...env },
    cwd: dir,
  });
  loadOrCreateSecrets(config);
  return config;
}

describe('production start-up checks', () => {
  it('accept a fresh, safe production configuration', () => {
    expect(findProductionProblems(productionConfig())).toEqual([]);
  });

  it('refuse a secret file readable by other users, saying which chmod fixes it', () => {
    const config = productionConfig();
    const file = path.join(config.dataDir, SECRET_FILES.masterKey);
    chmodSync(file, 0o644);
    const problems = findProductionProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`chmod 600 ${file}`);
  });

  it('refuse a data dir open to other users', () => {
    const config = productionConfig();
    chmodSync(config.dataDir, 0o755);
    expect(findProductionProblems(config)).toEqual([
      expect.stringContaining(`chmod 700 ${config.dataDir}`),
    ]);
  });

  it.each([
    ['short', 'abc123'],
    ['a placeholder', 'changeme'],
    ['a long run of one character', 'x'.repeat(40)],
  ])('refuse a supplied metrics token that is %s', (_kind, token) => {
    const problems = findProductionProblems(productionConfig({ ENCLAVE_METRICS_TOKEN: token }));
    expect(problems).toEqual([expect.stringMatching(/^ENCLAVE_METRICS_TOKEN .*openssl rand/)]);
    expect(problems[0]).not.toContain(token);
  });

  it('refuse a master key with no randomness', () => {
    const problems = findProductionProblems(
      productionConfig({ ENCLAVE_MASTER_KEY: Buffer.alloc(32, 0).toString('base64') }),
    );
    expect(problems).toEqual([expect.stringMatching(/^ENCLAVE_MASTER_KEY is not random/)]);
  });

  it('refuse a placeholder database password', () => {
    const problems = findProductionProblems(
      productionConfig({ DATABASE_URL: 'postgres://enclave:changeme@db:5432/enclave' }),
    );
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL uses a placeholder password/)]);
  });

  it('refuse CORS_ORIGINS with a wildcard', () => {
    const problems = findProductionProblems(productionConfig({ CORS_ORIGINS: '*' }));
    expect(problems).toEqual([
      expect.stringMatching(/^CORS_ORIGINS contains "\*".*list the exact origins/),
    ]);
  });

  it('refuse TRUST_PROXY=true without a proxy address list', () => {
    const problems = findProductionProblems(productionConfig({ TRUST_PROXY: 'true' }));
    expect(problems).toEqual([
      expect.stringMatching(/^TRUST_PROXY=true .*TRUST_PROXY=127\.0\.0\.1/),
    ]);
  });

  it('accept TRUST_PROXY with an address list', () => {
    expect(findProductionProblems(productionConfig({ TRUST_PROXY: '10.0.0.0/8' }))).toEqual([]);
  });
});
