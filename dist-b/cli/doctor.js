import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import { findPermissionProblems, findSettingProblems } from '../config/production-checks.js';
import { SECRET_FILES } from '../config/secrets.js';
import { openDatabase } from '../platform/db/database.js';
import { pendingMigrations } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';
import { connectRedis } from '../platform/redis.js';
const GIB = 1024 ** 3;
const MIN_FREE_BYTES = 0.5 * GIB;
const WARN_FREE_BYTES = 2 * GIB;
const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };
/**
 * `enclave doctor`: checks what a start needs and prints, for each problem, what to fix.
 * It changes nothing (it creates no data dir, secret or database). Exit code 1 on any FAIL.
 */
export async function runDoctor(write = (line) => process.stdout.write(`${line}\n`)) {
    const findings = await diagnose();
    for (const finding of findings)
        write(`[${MARK[finding.outcome]}] ${finding.check}: ${finding.message}`);
    const failed = findings.filter((f) => f.outcome === 'fail').length;
    const warned = findings.filter((f) => f.outcome === 'warn').length;
    write(failed > 0
        ? `${failed} problem(s) must be fixed before Enclave can run safely.`
        : `Everything Enclave needs is in place${warned > 0 ? ` (${warned} warning(s))` : ''}.`);
    return failed > 0 ? 1 : 0;
}
export async function diagnose() {
    let config;
    try {
        config = loadConfig();
    }
    catch (error) {
        if (!(error instanceof ConfigError))
            throw error;
        return error.problems.map((message) => ({
            check: 'settings',
            outcome: 'fail',
            message,
        }));
    }
    const settingProblems = config.isProduction ? findSettingProblems(config) : [];
    const findings = [
        settingProblems.length === 0
            ? { check: 'settings', outcome: 'ok', message: `valid (${config.nodeEnv})` }
            : null,
        ...settingProblems.map((message) => ({
            check: 'production',
            outcome: 'fail',
            message,
        })),
        ...checkDataDir(config),
        await checkDatabase(config),
        config.redisUrl ? await checkRedis(config.redisUrl) : null,
        ...(await checkUpstreams(config)),
    ].filter((finding) => finding !== null);
    return findings;
}
function checkDataDir(config) {
    if (!existsSync(config.dataDir)) {
        return [
            {
                check: 'data dir',
                outcome: 'warn',
                message: `${config.dataDir} does not exist yet; the first start creates it (mode 0700) with its secrets.`,
            },
        ];
    }
    const findings = [];
    const permissionProblems = findPermissionProblems(config);
    for (const message of permissionProblems) {
        findings.push({
            check: 'permissions',
            outcome: config.isProduction ? 'fail' : 'warn',
            message,
        });
    }
    if (permissionProblems.length === 0) {
        findings.push({
            check: 'permissions',
            outcome: 'ok',
            message: 'data dir and secret files are private to their owner',
        });
    }
    const supplied = new Set([
        ...(config.suppliedSecrets.masterKey ? [SECRET_FILES.masterKey] : []),
        ...(config.suppliedSecrets.metricsToken ? [SECRET_FILES.metricsToken] : []),
    ]);
    const missing = Object.values(SECRET_FILES).filter((name) => !supplied.has(name) && !existsSync(path.join(config.dataDir, name)));
    if (missing.length > 0) {
        findings.push({
            check: 'secrets',
            outcome: 'warn',
            message: `${missing.join(', ')} not generated yet; the next start creates them.`,
        });
    }
    findings.push(checkDiskSpace(config.dataDir));
    return findings;
}
function checkDiskSpace(dataDir) {
    const { bavail, bsize } = statfsSync(dataDir);
    const free = bavail * bsize;
    const freeText = `${(free / GIB).toFixed(1)} GiB free in ${dataDir}`;
    if (free < MIN_FREE_BYTES) {
        return {
            check: 'disk space',
            outcome: 'fail',
            message: `${freeText}; free space or move ENCLAVE_DATA_DIR to a larger disk (at least 0.5 GiB).`,
        };
    }
    if (free < WARN_FREE_BYTES) {
        return {
            check: 'disk space',
            outcome: 'warn',
            message: `${freeText}; uploads and backups will soon fill it.`,
        };
    }
    return { check: 'disk space', outcome: 'ok', message: freeText };
}
async function checkDatabase(config) {
    if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
        return {
            check: 'database',
            outcome: 'warn',
            message: `SQLite file ${config.database.file} does not exist yet; the first start creates it.`,
        };
    }
    const databaseConfig = config.database.kind === 'postgres'
        ? { ...config.database, connectRetryMs: 2000 }
        : config.database;
    try {
        const database = await openDatabase(databaseConfig, createLogger('silent'));
        try {
            const pending = await pendingMigrations(database);
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
        }
        finally {
            await database.close();
        }
    }
    catch (error) {
        return { check: 'database', outcome: 'fail', message: error.message };
    }
}
async function checkRedis(url) {
    try {
        const redis = await connectRedis(url, createLogger('silent'), 2000);
        try {
            await redis.ping();
            return { check: 'redis', outcome: 'ok', message: 'answers' };
        }
        finally {
            redis.disconnect();
        }
    }
    catch (error) {
        return { check: 'redis', outcome: 'fail', message: error.message };
    }
}
/** Upstreams are optional for the server to run, so an unreachable one is a warning. */
async function checkUpstreams(config) {
    const { ollamaUrl, openaiBaseUrl, openaiApiKey } = config.upstreams;
    const findings = [await probe('ollama', new URL('/api/version', ollamaUrl), {})];
    if (openaiBaseUrl) {
        const models = new URL(`${openaiBaseUrl.replace(/\/$/, '')}/models`);
        const headers = openaiApiKey
            ? { authorization: `Bearer ${openaiApiKey}` }
            : {};
        findings.push(await probe('openai-compatible', models, headers));
    }
    return findings;
}
async function probe(check, url, headers) {
    const shown = `${url.origin}${url.pathname}`;
    try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
        if (response.ok)
            return { check, outcome: 'ok', message: `${shown} answers` };
        const hint = response.status === 401 || response.status === 403 ? ' (check OPENAI_API_KEY)' : '';
        return { check, outcome: 'warn', message: `${shown} answered HTTP ${response.status}${hint}.` };
    }
    catch {
        return {
            check,
            outcome: 'warn',
            message: `${shown} does not answer; chat needs at least one reachable model upstream.`,
        };
    }
}
//# sourceMappingURL=doctor.js.map