import { createRequire } from 'node:module';
export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
/** How far clocks may disagree when `exp`, `nbf` and `iat` are checked. */
const CLOCK_TOLERANCE_MS = 5_000;
const ISSUER = 'enclave';
const AUDIENCE = 'enclave-api';
/** Verified tokens kept, so a request with a known token costs no signature check. */
const VERIFIED_CACHE_SIZE = 10_000;
const MAX_TOKEN_LENGTH = 4096;
/**
 * Ed25519-signed JWTs. The newest signing key signs (its `kid` in the header); every key still
 * listed verifies, so `enclave secrets rotate` does not sign anyone out. Only EdDSA is accepted,
 * which refuses `alg: none` and HS256 tokens "signed" with a public key.
 */
export function createAccessTokens(signingKeys) {
    const [current] = signingKeys;
    if (!current)
        throw new Error('no signing key');
    let jwt;
    // Built at the first sign-in or token check rather than at start-up (fast-jwt costs ~50 ms
    // and ~7 MiB to load); required synchronously since checking a token is synchronous.
    const tokens = () => (jwt ??= build(current, signingKeys));
    return {
        sign: (claims) => tokens().sign(claims),
        verify: (token) => tokens().verify(token),
    };
}
function build(current, signingKeys) {
    const { createSigner, createVerifier } = createRequire(import.meta.url)('fast-jwt');
    const signer = createSigner({
        key: current.privateKeyPem,
        algorithm: 'EdDSA',
        kid: current.kid,
        expiresIn: ACCESS_TOKEN_TTL_MS,
        iss: ISSUER,
        aud: AUDIENCE,
    });
    const verifiers = new Map(signingKeys.map((key) => [
        key.kid,
        createVerifier({
            key: key.publicKeyPem,
            algorithms: ['EdDSA'],
            allowedIss: ISSUER,
            allowedAud: AUDIENCE,
            requiredClaims: ['sub', 'sid', 'role', 'exp', 'iat'],
            clockTolerance: CLOCK_TOLERANCE_MS,
        }),
    ]));
    // Token text → its claims, until the token expires. Looked up by the whole text, so only a
    // token that verified once can hit; bounded by clearing when full (a flood of distinct valid
    // tokens just costs signature checks again).
    const verified = new Map();
    return {
        sign: (claims) => signer({ ...claims, typ: 'access' }),
        verify(token) {
            const known = verified.get(token);
            if (known) {
                if (known.exp * 1000 + CLOCK_TOLERANCE_MS > Date.now())
                    return known;
                verified.delete(token);
                return null;
            }
            if (token.length > MAX_TOKEN_LENGTH)
                return null;
            const verifier = verifiers.get(keyIdOf(token) ?? '');
            if (!verifier)
                return null;
            try {
                const claims = verifier(token);
                if (claims.typ !== 'access' || typeof claims.sid !== 'string')
                    return null;
                // A token issued in the future (beyond the allowed skew) is not trusted either.
                if (claims.iat * 1000 > Date.now() + CLOCK_TOLERANCE_MS)
                    return null;
                if (verified.size >= VERIFIED_CACHE_SIZE)
                    verified.clear();
                verified.set(token, claims);
                return claims;
            }
            catch {
                return null;
            }
        },
    };
}
/** The `kid` of a JWT's header, read without trusting anything else in the token. */
function keyIdOf(token) {
    const header = token.slice(0, token.indexOf('.'));
    if (header.length === 0 || header.length > 512)
        return undefined;
    try {
        const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
        const kid = parsed?.kid;
        return typeof kid === 'string' ? kid : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=access-tokens.js.map