import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, } from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { generateSigningKey, SECRET_FILES } from '../config/secrets.js';
import { CliError } from './cli-context.js';
/**
 * How long a key still verifies after a newer one replaced it. Access tokens live 15 minutes;
 * a day leaves room for servers that are restarted late.
 */
export const SUPERSEDED_KEY_GRACE_MS = 24 * 60 * 60 * 1000;
const SigningKeysFile = Type.Object({
    keys: Type.Array(Type.Object({
        kid: Type.String({ minLength: 1 }),
        algorithm: Type.Literal('EdDSA'),
        privateKeyPem: Type.String({ minLength: 1 }),
        publicKeyPem: Type.String({ minLength: 1 }),
        createdAt: Type.String({ minLength: 1 }),
    }), { minItems: 1 }),
});
/**
 * The key list after a rotation, newest first: the new key, then every older key whose
 * successor was made less than the grace period ago (a key is superseded when the next newer
 * one is created), so tokens signed before the rotation stay valid until they expire.
 */
export function rotateSigningKeys(keys, newKey, now = Date.now()) {
    const rotated = [newKey, ...keys];
    const kept = rotated.findIndex((_key, index) => index > 0 && Date.parse(rotated[index - 1]?.createdAt ?? '') <= now - SUPERSEDED_KEY_GRACE_MS);
    return kept === -1 ? rotated : rotated.slice(0, kept);
}
/**
 * `enclave secrets rotate`: a new access-token signing key in signing-keys.json. Servers read
 * the file at start, so they sign with the new key once restarted.
 */
export async function rotateSecretsCommand(context) {
    const file = path.join(context.config.dataDir, SECRET_FILES.signingKeys);
    const keys = readSigningKeys(file);
    const newKey = generateSigningKey();
    const next = rotateSigningKeys(keys, newKey);
    writeFileAtomically(file, `${JSON.stringify({ keys: next }, null, 2)}\n`);
    const pruned = keys.length + 1 - next.length;
    context.out(`New signing key ${newKey.kid} written to ${file}.`);
    context.out(`Kept ${next.length - 1} older key(s), so tokens they signed stay valid until they expire` +
        (pruned > 0 ? `; removed ${pruned} superseded more than a day ago.` : '.'));
    context.out('Restart every Enclave server that uses this data dir: each signs with the new key only after a restart.');
}
function readSigningKeys(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        throw new CliError(`${file} does not exist yet; the first start of the server generates it, so there is nothing to rotate.`);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        parsed = null;
    }
    if (!Value.Check(SigningKeysFile, parsed) ||
        parsed.keys.some((key) => Number.isNaN(Date.parse(key.createdAt)))) {
        // The file's content is secret, so the message names the file and never quotes it.
        throw new CliError(`${file} is not a valid signing-key file ({ "keys": [...] }); restore it from a backup. Nothing was changed.`);
    }
    return parsed.keys;
}
/**
 * Replaces a file so that a reader sees the old content or the new, never half of it: a private
 * (0600) temporary file in the same directory, flushed to disk, then renamed over the original.
 */
function writeFileAtomically(file, content) {
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
        writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
        chmodSync(temporary, 0o600); // whatever the umask did
        const descriptor = openSync(temporary, 'r');
        try {
            fsyncSync(descriptor);
        }
        finally {
            closeSync(descriptor);
        }
        renameSync(temporary, file);
    }
    finally {
        rmSync(temporary, { force: true });
    }
    // The rename itself is durable once the directory is flushed.
    const directory = openSync(path.dirname(file), 'r');
    try {
        fsyncSync(directory);
    }
    finally {
        closeSync(directory);
    }
}
//# sourceMappingURL=secrets-rotate.command.js.map