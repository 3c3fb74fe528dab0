import { statSync } from 'node:fs';
import path from 'node:path';
import { SECRET_FILES } from './secrets.js';
/** Values people leave in from examples; a secret equal to one of them protects nothing. */
const PLACEHOLDERS = new Set([
    'changeme',
    'change-me',
    'change_me',
    'changethis',
    'secret',
    'password',
    'passw0rd',
    'postgres',
    'admin',
    'example',
    'placeholder',
    'default',
    'test',
    'token',
    'xxx',
    'todo',
]);
const MIN_SECRET_LENGTH = 32;
/**
 * The reasons a production start must be refused, each saying how to fix it; empty when the
 * configuration is safe.
 */
export function findProductionProblems(config) {
    return [...findSettingProblems(config), ...findPermissionProblems(config)];
}
/** Unsafe settings. Needs no files, so it runs before anything is written. */
export function findSettingProblems(config) {
    const problems = [];
    const metricsToken = config.suppliedSecrets.metricsToken;
    if (metricsToken !== null && isWeak(metricsToken)) {
        problems.push(`ENCLAVE_METRICS_TOKEN is too short or a placeholder; use at least ${MIN_SECRET_LENGTH} random characters (openssl rand -base64 32), or unset it to use the generated ${SECRET_FILES.metricsToken} file.`);
    }
    if (config.suppliedSecrets.masterKey !== null &&
        isPlaceholderKey(config.suppliedSecrets.masterKey)) {
        problems.push('ENCLAVE_MASTER_KEY is not random (all its bytes are the same); generate one with `openssl rand -base64 32`.');
    }
    for (const [name, url] of [
        ['DATABASE_URL', config.database.kind === 'postgres' ? config.database.url : null],
        ['REDIS_URL', config.redisUrl],
    ]) {
        const password = url ? passwordOf(url) : null;
        if (password && isPlaceholder(password)) {
            problems.push(`${name} uses a placeholder password; set a strong password on the server and in ${name}.`);
        }
    }
    if (config.corsOrigins.includes('*')) {
        problems.push('CORS_ORIGINS contains "*", which lets any web site call the API with a user\'s browser; list the exact origins instead, e.g. CORS_ORIGINS=https://chat.example.com.');
    }
    if (config.trustProxy === true) {
        problems.push(`TRUST_PROXY=true would trust X-Forwarded-For from any client, so anyone could fake their address; set it to your reverse proxy's addresses, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8.`);
    }
    return problems;
}
/** Data dir, secret files and the SQLite file open to other users. */
export function findPermissionProblems(config) {
    const problems = [];
    const dirMode = modeOf(config.dataDir);
    if (dirMode !== null && (dirMode & 0o077) !== 0) {
        problems.push(`The data dir ${config.dataDir} is open to other users (mode ${octal(dirMode)}); run: chmod 700 ${config.dataDir}`);
    }
    const privateFiles = Object.values(SECRET_FILES).map((name) => path.join(config.dataDir, name));
    if (config.database.kind === 'sqlite')
        privateFiles.push(config.database.file);
    for (const file of privateFiles) {
        const mode = modeOf(file);
        if (mode !== null && (mode & 0o077) !== 0) {
            problems.push(`The private file ${file} is readable by other users (mode ${octal(mode)}); run: chmod 600 ${file}`);
        }
    }
    return problems;
}
function modeOf(file) {
    try {
        return statSync(file).mode & 0o777;
    }
    catch {
        return null;
    }
}
const octal = (mode) => `0${mode.toString(8)}`;
function isPlaceholder(value) {
    const normalized = value.trim().toLowerCase();
    return (PLACEHOLDERS.has(normalized) || /^(.)\1*$/.test(normalized) || normalized.startsWith('your'));
}
function isWeak(value) {
    return value.length < MIN_SECRET_LENGTH || isPlaceholder(value);
}
function isPlaceholderKey(base64) {
    const bytes = Buffer.from(base64, 'base64');
    return bytes.every((byte) => byte === bytes[0]);
}
function passwordOf(url) {
    try {
        const password = decodeURIComponent(new URL(url).password);
        return password.length > 0 ? password : null;
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=production-checks.js.map