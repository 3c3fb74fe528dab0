import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
/** File names, inside the data dir, of the secrets Enclave generates on first start. */
export const SECRET_FILES = {
    signingKeys: 'signing-keys.json',
    masterKey: 'master.key',
    metricsToken: 'metrics-token',
};
/** Creates the data dir (mode 0700) if it is missing. */
export function ensureDataDir(dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
/**
 * Loads the secrets from the data dir, generating each one that does not exist yet (files are
 * written 0600 and never overwritten, so every later start reuses them). Secrets supplied through
 * the environment take the place of their files.
 */
export function loadOrCreateSecrets(config) {
    ensureDataDir(config.dataDir);
    const created = [];
    const file = (name) => path.join(config.dataDir, name);
    const signingKeys = readOrCreate(file(SECRET_FILES.signingKeys), created, () => JSON.stringify({ keys: [generateSigningKey()] }, null, 2));
    const metricsToken = config.suppliedSecrets.metricsToken ??
        readOrCreate(file(SECRET_FILES.metricsToken), created, () => randomBytes(32).toString('base64url')).trim();
    const masterKeys = config.suppliedSecrets.masterKey
        ? { current: 1, keys: new Map([[1, Buffer.from(config.suppliedSecrets.masterKey, 'base64')]]) }
        : parseMasterKeys(readOrCreate(file(SECRET_FILES.masterKey), created, () => JSON.stringify({ current: 1, keys: { 1: randomBytes(32).toString('base64') } })));
    return {
        secrets: {
            signingKeys: JSON.parse(signingKeys).keys,
            masterKeys,
            metricsToken,
        },
        created,
    };
}
export function generateSigningKey() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return {
        kid: randomUUID(),
        algorithm: 'EdDSA',
        privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
        createdAt: new Date().toISOString(),
    };
}
function parseMasterKeys(text) {
    const parsed = JSON.parse(text);
    const keys = new Map(Object.entries(parsed.keys).map(([version, key]) => [
        Number(version),
        Buffer.from(key, 'base64'),
    ]));
    return { current: parsed.current, keys };
}
/**
 * Returns the file's content, or writes `create()` to it first. The new content goes to a
 * private temporary file that is then hard-linked into place, which fails if the file appeared
 * meanwhile: two instances starting at once both end up with the same secret.
 */
function readOrCreate(file, created, create) {
    try {
        return readFileSync(file, 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, create(), { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600); // the umask may have narrowed the mode further, never widened it
    try {
        linkSync(temporary, file);
        created.push(path.basename(file));
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
    finally {
        rmSync(temporary, { force: true });
    }
    return readFileSync(file, 'utf8');
}
//# sourceMappingURL=secrets.js.map