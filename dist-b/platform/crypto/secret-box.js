import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
/**
 * Encrypts a secret for storage (TOTP secrets, provider API keys) with the current master key:
 * `v<key version>.<iv>.<tag>.<ciphertext>`, base64url parts. The version lets the master key
 * rotate while older values still decrypt.
 */
export function sealSecret(masterKeys, plaintext) {
    const key = masterKeys.keys.get(masterKeys.current);
    if (!key)
        throw new Error(`master key version ${masterKeys.current} is missing`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [`v${masterKeys.current}`, ...parts].join('.');
}
/** Decrypts what `sealSecret` produced; throws if it was altered or the key is unknown. */
export function openSecret(masterKeys, sealed) {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const key = masterKeys.keys.get(Number(version?.slice(1)));
    if (!key || !iv || !tag || ciphertext === undefined) {
        throw new Error('sealed secret is malformed or its master key version is unknown');
    }
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
    ]).toString('utf8');
}
//# sourceMappingURL=secret-box.js.map