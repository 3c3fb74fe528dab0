import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/child-process.js';
import { closedPort } from '../../test/support/tcp-proxy.js';
import { removeDir, tempDir } from '../../test/support/test-env.js';
import { SECRET_FILES } from '../config/secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'data');
}

const UNREACHABLE_OLLAMA = async () => ({ OLLAMA_URL: `http://127.0.0.1:${await closedPort()}` });

describe('enclave doctor', () => {
  it('passes on a data dir the server has set up, and warns about what is optional', async () => {
    const dir = dataDir();
    const env = { ENCLAVE_DATA_DIR: dir, ...(await UNREACHABLE_OLLAMA()) };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    await runCli(['migrate'], env);
    const result = await runCli(['doctor'], env);
    expect(result.stdout).toContain('[ok  ] settings: valid (development)');
    expect(result.stdout).toMatch(/\[ok {2}\] disk space: [\d.]+ GiB free/);
    expect(result.stdout).toContain('[ok  ] database: sqlite answers; schema up to date.');
    expect(result.stdout).toContain('[WARN] ollama:');
    expect(result.code).toBe(0);
  });

  it('fails with what to fix when the database cannot be reached', async () => {
    const port = await closedPort();
    const result = await runCli(['doctor'], {
      ENCLAVE_DATA_DIR: dataDir(),
      DATABASE_URL: `postgres://enclave:doctor-pw-55ab@127.0.0.1:${port}/enclave`,
      ...(await UNREACHABLE_OLLAMA()),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `[FAIL] database: Could not reach PostgreSQL at 127.0.0.1:${port}/enclave`,
    );
    expect(result.stdout).toContain('Check DATABASE_URL');
    expect(result.stdout).toContain('1 problem(s) must be fixed');
    expect(result.stdout).not.toContain('doctor-pw-55ab');
  });

  it('fails on bad settings, naming each', async () => {
    const result = await runCli(['doctor'], { ENCLAVE_DATA_DIR: dataDir(), PORT: '99999' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[FAIL\] settings: PORT must be <= 65535/);
  });

  it('fails in production on a secret file others can read, with the chmod that fixes it', async () => {
    const dir = dataDir();
    const env = { ENCLAVE_DATA_DIR: dir, ...(await UNREACHABLE_OLLAMA()) };
    await runCli(['migrate'], env);
    const { loadConfig } = await import('../config/config.js');
    const { loadOrCreateSecrets } = await import('../config/secrets.js');
    loadOrCreateSecrets(loadConfig({ env: { ENCLAVE_DATA_DIR: dir }, cwd: dir }));
    chmodSync(path.join(dir, SECRET_FILES.masterKey), 0o640);
    const result = await runCli(['doctor'], { ...env, NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `[FAIL] permissions: The private file ${path.join(dir, SECRET_FILES.masterKey)}`,
    );
    expect(result.stdout).toContain(`chmod 600`);
  });

  it('fails on unsafe production settings even before the first start', async () => {
    const result = await runCli(['doctor'], {
      NODE_ENV: 'production',
      ENCLAVE_DATA_DIR: dataDir(),
      CORS_ORIGINS: '*',
      ...(await UNREACHABLE_OLLAMA()),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[FAIL] production: CORS_ORIGINS contains "*"');
  });

  it('does not ask for secret files whose secrets come from the environment', async () => {
    const dir = dataDir();
    const env = {
      ENCLAVE_DATA_DIR: dir,
      ENCLAVE_METRICS_TOKEN: 'a-long-random-metrics-token-0123456789abcdef',
      ...(await UNREACHABLE_OLLAMA()),
    };
    await runCli(['migrate'], env);
    const result = await runCli(['doctor'], env);
    expect(result.stdout).toContain(
      '[WARN] secrets: signing-keys.json, master.key not generated yet',
    );
    expect(result.stdout).not.toMatch(/secrets:.*metrics-token/);
  });

  it('changes nothing: it creates no data dir', async () => {
    const dir = dataDir();
    const result = await runCli(['doctor'], {
      ENCLAVE_DATA_DIR: dir,
      ...(await UNREACHABLE_OLLAMA()),
    });
    expect(result.stdout).toContain('does not exist yet; the first start creates it');
    const { existsSync } = await import('node:fs');
    expect(existsSync(dir)).toBe(false);
  });
});
