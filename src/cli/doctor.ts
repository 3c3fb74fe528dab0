import { statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { findProductionProblems } from '../config/production-checks.js';
import { SECRET_FILES } from '../config/secrets.js';
import { openDatabase } from '../platform/db/database.js';
import { knownMigrations } from '../platform/db/migrate.js';
import type { Database } from '../platform/db/schema.js';
import { createLogger } from '../platform/logging/logger.js';
import { connectRedis } from '../platform/redis.js';

export type Outcome = 'ok' | 'warn' | 'fail';
export interface Finding {
  check: string;
  outcome: Outcome;
  message: string;
}

const GIB = 1024 ** 3;
const MIN_FREE_BYTES = 0.5 * GIB;
const WARN_FREE_BYTES = 2 * GIB;
const MARK: Record<Outcome, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };

/**
 * `enclave doctor`: checks what a start needs and prints, for each problem, what to fix.
 * It changes nothing (it creates no data dir, secret or database). Exit code 1 on any FAIL.
 */
export async function runDoctor(
  write = (line: string) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const findings = await diagnose();
  for (const finding of findings)
    write(`[${MARK[finding.outcome]}] ${finding.check}: ${finding.message}`);
  const failed = findings.filter((f) => f.outcome === 'fail').length;
  const warned = findings.filter((f) => f.outcome === 'warn').length;
  write(
    failed > 0
      ? `${failed} problem(s) must be fixed before Enclave can run safely.`
      : `Everything Enclave needs is in place${warned > 0 ? ` (${warned} warning(s))` : ''}.`,
  );
  return failed > 0 ? 1 : 0;
}

export async function diagnose(): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((message) => ({
      check: 'settings',
      outcome: 'fail' as const,
      message,
    }));
  }
  const findings: Finding[] = [
    { check: 'settings', outcome: 'ok', message: `valid (${config.nodeEnv})` },
    ...checkDataDir(config),
    await checkDatabase(config),
  ];
  if (config.redisUrl) findings.push(await checkRedis(config.redisUrl));
  findings.push(await checkOllama(config.upstreams.ollamaUrl));
  return findings;
}

function checkDataDir(config: Config): Finding[] {
  let mode: number;
  try {
    mode = statSync(config.dataDir).mode & 0o777;
  } catch {
    return [
      {
        check: 'data dir',
        outcome: 'warn',
        message: `${config.dataDir} does not exist yet; the first start creates it (mode 0700) with its secrets.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const permissionProblems = findProductionProblems(config).filter((p) => p.includes('chmod'));
  for (const problem of permissionProblems) {
    findings.push({
      check: 'permissions',
      outcome: config.isProduction ? 'fail' : 'warn',
      message: problem,
    });
  }
  if (config.isProduction) {
    for (const problem of findProductionProblems(config).filter((p) => !p.includes('chmod'))) {
      findings.push({ check: 'production', outcome: 'fail', message: problem });
    }
  }
  const missing = Object.values(SECRET_FILES).filter(
    (name) => !exists(path.join(config.dataDir, name)),
  );
  if (missing.length > 0) {
    findings.push({
      check: 'secrets',
      outcome: 'warn',
      message: `${missing.join(', ')} not generated yet; the next start creates them.`,
    });
  }
  if (permissionProblems.length === 0) {
    findings.push({
      check: 'permissions',
      outcome: 'ok',
      message: `data dir mode 0${mode.toString(8)}, secret files private`,
    });
  }
  const { bavail, bsize } = statfsSync(config.dataDir);
  const free = bavail * bsize;
  const freeText = `${(free / GIB).toFixed(1)} GiB free in ${config.dataDir}`;
  findings.push(
    free < MIN_FREE_BYTES
      ? {
          check: 'disk space',
          outcome: 'fail',
          message: `${freeText}; free space or move ENCLAVE_DATA_DIR to a larger disk (at least 0.5 GiB).`,
        }
      : free < WARN_FREE_BYTES
        ? {
            check: 'disk space',
            outcome: 'warn',
            message: `${freeText}; uploads and backups will soon fill it.`,
          }
        : { check: 'disk space', outcome: 'ok', message: freeText },
  );
  return findings;
}

async function checkDatabase(config: Config): Promise<Finding> {
  if (config.database.kind === 'sqlite' && !exists(config.database.file)) {
    return {
      check: 'database',
      outcome: 'warn',
      message: `SQLite file ${config.database.file} does not exist yet; the first start creates it.`,
    };
  }
  const databaseConfig =
    config.database.kind === 'postgres'
      ? { ...config.database, connectRetryMs: 2000 }
      : config.database;
  try {
    const database = await openDatabase(databaseConfig, createLogger('silent'));
    try {
      const applied = await appliedMigrations(database.db);
      const pending = knownMigrations().filter((name) => !applied.has(name));
      return pending.length > 0
        ? {
            check: 'database',
            outcome: 'warn',
            message: `${database.dialect} answers; ${pending.length} migration(s) pending, applied at the next start or by \`enclave migrate\`.`,
          }
        : {
            check: 'database',
            outcome: 'ok',
            message: `${database.dialect} answers; schema up to date.`,
          };
    } finally {
      await database.close();
    }
  } catch (error) {
    return { check: 'database', outcome: 'fail', message: (error as Error).message };
  }
}

async function appliedMigrations(db: Kysely<Database>): Promise<Set<string>> {
  try {
    const result = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return new Set(result.rows.map((row) => row.name));
  } catch {
    return new Set();
  }
}

async function checkRedis(url: string): Promise<Finding> {
  try {
    const redis = await connectRedis(url, createLogger('silent'));
    try {
      await redis.ping();
      return { check: 'redis', outcome: 'ok', message: 'answers' };
    } finally {
      redis.disconnect();
    }
  } catch (error) {
    return {
      check: 'redis',
      outcome: 'fail',
      message: `Redis does not answer (${(error as Error).message}); check REDIS_URL and that the server is running.`,
    };
  }
}

async function checkOllama(url: string): Promise<Finding> {
  try {
    const response = await fetch(new URL('/api/version', url), {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok
      ? { check: 'ollama', outcome: 'ok', message: `${url} answers` }
      : {
          check: 'ollama',
          outcome: 'warn',
          message: `${url} answered HTTP ${response.status}; is it an Ollama server?`,
        };
  } catch {
    return {
      check: 'ollama',
      outcome: 'warn',
      message: `${url} does not answer; chat needs an Ollama (OLLAMA_URL) or OpenAI-compatible (OPENAI_BASE_URL) upstream.`,
    };
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
