import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../../test/support/test-env.js';
import { ConfigError, loadConfig } from './config.js';

const dirs: string[] = [];
function cwd(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ env, cwd: cwd() });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with no settings at all: SQLite in ./data on 127.0.0.1:8080', () => {
    const dir = cwd();
    const config = loadConfig({ env: {}, cwd: dir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.join(dir, 'data'),
      database: { kind: 'sqlite', file: path.join(dir, 'data', 'enclave.db') },
      redisUrl: null,
      logLevel: 'info',
      corsOrigins: [],
      trustProxy: false,
      upstreams: {
        ollamaUrl: 'http://127.0.0.1:11434',
        firstTokenTimeoutMs: 90_000,
        idleTimeoutMs: 60_000,
      },
    });
  });

  it('selects PostgreSQL and Redis from their URLs', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: 'postgres://enclave:pw@db:5432/enclave',
        REDIS_URL: 'redis://cache:6379',
        DATABASE_POOL_MAX: '4',
      },
      cwd: cwd(),
    });
    expect(config.database).toMatchObject({
      kind: 'postgres',
      url: 'postgres://enclave:pw@db:5432/enclave',
      poolMax: 4,
    });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('reads .env, and the real environment wins over it', () => {
    const dir = cwd();
    writeFileSync(path.join(dir, '.env'), 'PORT=9001\nLOG_LEVEL=debug\nHOST=0.0.0.0\n');
    const config = loadConfig({ env: { PORT: '9002' }, cwd: dir });
    expect(config.port).toBe(9002);
    expect(config.logLevel).toBe('debug');
    expect(config.host).toBe('0.0.0.0');
  });

  it('names every bad setting at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      DATABASE_URL: 'mysql://db/enclave',
      UPSTREAM_IDLE_TIMEOUT_MS: '-5',
    });
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/integer.*"eighty"/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toMatch(/one of fatal, error/);
    expect(problems.find((p) => p.startsWith('NODE_ENV'))).toMatch(/development, production/);
    expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
    expect(problems.some((p) => p.startsWith('UPSTREAM_IDLE_TIMEOUT_MS'))).toBe(true);
  });

  it('never echoes a rejected secret value in its message', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2-very-secret@db/enclave',
      ENCLAVE_MASTER_KEY: 'not-base64-hunter3',
    });
    expect(problems.join('\n')).not.toMatch(/hunter/);
    expect(problems.join('\n')).toMatch(/ENCLAVE_MASTER_KEY must be 32 random bytes/);
  });

  it('rejects CORS entries that are not origins and TRUST_PROXY entries that are not addresses', () => {
    const problems = problemsOf({
      CORS_ORIGINS: 'https://ok.example.com, https://bad.example.com/path, nonsense',
      TRUST_PROXY: '10.0.0.0/8,proxy.local,10.0.0.1/99',
    });
    expect(problems.filter((p) => p.startsWith('CORS_ORIGINS'))).toHaveLength(2);
    expect(problems.filter((p) => p.startsWith('TRUST_PROXY'))).toHaveLength(2);
  });

  it('parses CORS and TRUST_PROXY lists', () => {
    const config = loadConfig({
      env: {
        CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
        TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1',
      },
      cwd: cwd(),
    });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(config.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });

  it('gives an upstream 2 s to list its models unless UPSTREAM_LIST_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig({ env: {}, cwd: cwd() }).upstreams.listTimeoutMs).toBe(2_000);
    const config = loadConfig({ env: { UPSTREAM_LIST_TIMEOUT_MS: '15000' }, cwd: cwd() });
    expect(config.upstreams.listTimeoutMs).toBe(15_000);
    expect(problemsOf({ UPSTREAM_LIST_TIMEOUT_MS: 'soon' })).toEqual([
      expect.stringContaining('UPSTREAM_LIST_TIMEOUT_MS'),
    ]);
  });

  it('is frozen, so nothing can change settings after start', () => {
    const config = loadConfig({ env: {}, cwd: cwd() });
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.http as { rateLimitMax: number }).rateLimitMax = 1;
    }).toThrow(TypeError);
  });
});
