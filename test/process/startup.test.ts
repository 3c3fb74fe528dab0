import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { SECRET_FILES, loadOrCreateSecrets } from '../../src/config/secrets.js';
import { knownMigrations } from '../../src/platform/db/migrate.js';
import { runCli, spawnTs } from '../support/child-process.js';
import { dialect, removeDir, tempDir } from '../support/test-env.js';
import { dialectEnv, startServerProcess, type ServerProcess } from './server-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshDir(): string {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  return dir;
}

async function stop(server: ServerProcess) {
  server.child.kill('SIGTERM');
  return server.exited;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe(`zero-config start (${dialect})`, () => {
  it('creates a private data dir and secrets on first start, and reuses them on the next', async () => {
    const { env, drop } = await dialectEnv();
    cleanups.push(drop);
    const dataDir = path.join(freshDir(), 'data');
    const first = await startServerProcess({ ENCLAVE_DATA_DIR: dataDir, ...env });
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const ready = await fetch(`${first.url}/health/ready`);
    expect(ready.status).toBe(200);
    const page = await fetch(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Enclave</title>');
    expect(first.stdout()).toContain('"msg":"generated secrets"');

    expect(mode(dataDir)).toBe(0o700);
    const secrets = Object.values(SECRET_FILES).map((name) => path.join(dataDir, name));
    for (const file of secrets) expect(mode(file), file).toBe(0o600);
    if (dialect === 'sqlite') expect(mode(path.join(dataDir, 'enclave.db'))).toBe(0o600);
    const contents = secrets.map((file) => readFileSync(file, 'utf8'));
    expect((await stop(first)).code).toBe(0);

    const second = await startServerProcess({ ENCLAVE_DATA_DIR: dataDir, ...env });
    cleanups.push(() => void second.child.kill('SIGKILL'));
    expect(second.stdout()).not.toContain('generated secrets');
    expect(secrets.map((file) => readFileSync(file, 'utf8'))).toEqual(contents);
    const metrics = await fetch(`${second.url}/metrics`, {
      headers: {
        authorization: `Bearer ${readFileSync(path.join(dataDir, SECRET_FILES.metricsToken), 'utf8')}`,
      },
    });
    expect(metrics.status).toBe(200);
    expect((await stop(second)).code).toBe(0);
  });

  it('prints the one-time setup code and keeps it 0600 until the first admin exists', async () => {
    const dataDir = path.join(freshDir(), 'data');
    const env = await dialectEnv();
    cleanups.push(env.drop);
    const server = await startServerProcess({ ENCLAVE_DATA_DIR: dataDir, ...env.env });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const printed = /^Setup code: ([A-Z0-9-]+)$/m.exec(server.stdout())?.[1];
    const file = path.join(dataDir, 'setup-code');
    expect(printed).toBe(readFileSync(file, 'utf8').trim());
    expect(mode(file)).toBe(0o600);
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        setupCode: printed,
        username: 'admin',
        password: 'correct horse battery staple',
      }),
    });
    expect(setup.status).toBe(201);
    expect((await stop(server)).code).toBe(0);

    const again = await startServerProcess({ ENCLAVE_DATA_DIR: dataDir, ...env.env });
    cleanups.push(() => void again.child.kill('SIGKILL'));
    expect(again.stdout()).not.toContain('Setup code');
    expect((await stop(again)).code).toBe(0);
  });

  it('refuses a bad setting with a message naming it, and starts nothing', async () => {
    const dir = freshDir();
    const result = await runCli(['serve'], {
      ENCLAVE_DATA_DIR: path.join(dir, 'data'),
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be integer (got "eighty")');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });
});

describe('production start refuses unsafe settings, each with how to fix it', () => {
  it('refuses CORS_ORIGINS=* and TRUST_PROXY=true before writing anything', async () => {
    const dataDir = path.join(freshDir(), 'data');
    const result = await runCli(['serve'], {
      NODE_ENV: 'production',
      ENCLAVE_DATA_DIR: dataDir,
      CORS_ORIGINS: '*',
      TRUST_PROXY: 'true',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Refusing to start in production');
    expect(result.stderr).toContain('CORS_ORIGINS contains "*"');
    expect(result.stderr).toContain('TRUST_PROXY=true would trust X-Forwarded-For');
    expect(result.stdout).not.toContain('Enclave is ready');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a secret file other users can read', async () => {
    const dataDir = path.join(freshDir(), 'data');
    loadOrCreateSecrets(loadConfig({ env: { ENCLAVE_DATA_DIR: dataDir }, cwd: dataDir }));
    chmodSync(path.join(dataDir, SECRET_FILES.signingKeys), 0o644);
    const result = await runCli(['serve'], { NODE_ENV: 'production', ENCLAVE_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 600 ${path.join(dataDir, SECRET_FILES.signingKeys)}`);
  });

  it('refuses a short supplied secret without printing it', async () => {
    const result = await runCli(['serve'], {
      NODE_ENV: 'production',
      ENCLAVE_DATA_DIR: path.join(freshDir(), 'data'),
      ENCLAVE_METRICS_TOKEN: 'short-9f3e',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENCLAVE_METRICS_TOKEN is too short or a placeholder');
    expect(result.stderr + result.stdout).not.toContain('short-9f3e');
  });

  it('starts with safe production settings', async () => {
    const { env, drop } = await dialectEnv();
    cleanups.push(drop);
    const server = await startServerProcess({
      NODE_ENV: 'production',
      ENCLAVE_DATA_DIR: path.join(freshDir(), 'data'),
      TRUST_PROXY: '127.0.0.1',
      ...env,
    });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    // The API spec is for admins in production.
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(401);
    expect((await stop(server)).code).toBe(0);
  });
});

describe(`migrations under concurrent start (${dialect})`, () => {
  it('three instances migrating at once apply each migration exactly once', async () => {
    const { env, drop } = await dialectEnv();
    cleanups.push(drop);
    const dataDir = path.join(freshDir(), 'data');
    const runs = await Promise.all(
      [1, 2, 3].map(() => runCli(['migrate'], { ENCLAVE_DATA_DIR: dataDir, ...env })),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const applied = runs.map((run) => Number(/Applied (\d+) migration/.exec(run.stdout)?.[1]));
    expect(applied.reduce((sum, n) => sum + n, 0)).toBe(knownMigrations().length);
    expect(applied.filter((n) => n > 0)).toHaveLength(1);

    const again = await runCli(['migrate'], { ENCLAVE_DATA_DIR: dataDir, ...env });
    expect(again.stdout).toContain('Applied 0 migration(s); the database is up to date');
  });

  it('two servers starting at once on one database both come up', async () => {
    const { env, drop } = await dialectEnv();
    cleanups.push(drop);
    const dataDir = path.join(freshDir(), 'data');
    const servers = await Promise.all(
      [1, 2].map(() => startServerProcess({ ENCLAVE_DATA_DIR: dataDir, ...env })),
    );
    for (const server of servers) {
      cleanups.push(() => void server.child.kill('SIGKILL'));
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    }
    const migrationLogs = servers.map(
      (s) => s.stdout().split('"msg":"migration applied"').length - 1,
    );
    expect(migrationLogs.reduce((a, b) => a + b, 0)).toBe(knownMigrations().length);
    for (const server of servers) expect((await stop(server)).code).toBe(0);
  });
});

describe('child process helper', () => {
  it('runs TypeScript entry points with only the given environment', async () => {
    const running = spawnTs('src/cli.ts', ['--version'], {});
    expect((await running.exited).code).toBe(0);
    expect(running.stdout().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
