import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
/** SHA-256 in hex: for looking up high-entropy secrets (tokens, keys), never for passwords. */
export function sha256Hex(value) {
    return createHash('sha256').update(value).digest('hex');
}
/** `bytes` random bytes as base64url text. */
export function randomToken(bytes = 32) {
    return randomBytes(bytes).toString('base64url');
}
/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a, b) {
    const left = createHash('sha256').update(a).digest();
    const right = createHash('sha256').update(b).digest();
    return timingSafeEqual(left, right);
}
//# sourceMappingURL=hashing.js.map