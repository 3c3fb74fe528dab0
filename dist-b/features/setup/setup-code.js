import { randomInt } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
export const SETUP_CODE_FILE = 'setup-code';
// No 0/O or 1/I/L, so the code survives being read aloud or copied by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function newSetupCode() {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    return chars.join('').match(/.{4}/g)?.join('-') ?? chars.join('');
}
/** The one-time setup code of a data dir without users, creating it (mode 0600) if needed. */
export function ensureSetupCode(dataDir) {
    const file = path.join(dataDir, SETUP_CODE_FILE);
    const existing = readSetupCode(dataDir);
    if (existing)
        return existing;
    writeFileSync(file, `${newSetupCode()}\n`, { mode: 0o600 });
    return readSetupCode(dataDir) ?? '';
}
export function readSetupCode(dataDir) {
    try {
        const code = readFileSync(path.join(dataDir, SETUP_CODE_FILE), 'utf8').trim();
        return code.length > 0 ? code : null;
    }
    catch {
        return null;
    }
}
/** The code dies with the first admin. */
export function removeSetupCode(dataDir) {
    rmSync(path.join(dataDir, SETUP_CODE_FILE), { force: true });
}
//# sourceMappingURL=setup-code.js.map