import { randomToken, sha256Hex } from '../../platform/crypto/hashing.js';
import { keyMarker, userMarker } from '../auth/revocations.js';
export const API_KEY_PREFIX = 'enc_';
/** Characters of a key kept in the clear, so a person can tell their keys apart. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** A looked-up key is trusted this long before the database is asked again. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;
/** A new key: `enc_` and 256 random bits. Only its SHA-256 is stored. */
export function newApiKey() {
    const key = `${API_KEY_PREFIX}${randomToken(32)}`;
    return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: sha256Hex(key) };
}
/**
 * Resolves `enc_…` keys by the SHA-256 of the key (the key is random, so a fast hash is safe
 * and the lookup is an index hit), then keeps the answer for a minute so a busy program costs
 * no database round trip per request, and no hash either. Revoking the key, or disabling,
 * deleting or changing the role of its user, marks it in the revocation list, which voids
 * cached answers at once on every instance.
 */
export function apiKeyResolver(services) {
    const cache = new Map();
    const { db, revoked } = services;
    const stillValid = (entry) => {
        if (Date.now() - entry.cachedAt > CACHE_TTL_MS)
            return false;
        if (entry.principal.apiKeyId && revoked.has(keyMarker(entry.principal.apiKeyId)))
            return false;
        const userRevokedAt = revoked.revokedAt(userMarker(entry.principal.userId));
        return userRevokedAt === undefined || userRevokedAt < entry.cachedAt;
    };
    const lookUp = async (key) => {
        const hash = sha256Hex(key);
        const cachedAt = Date.now();
        const row = await db
            .selectFrom('api_keys')
            .innerJoin('users', 'users.id', 'api_keys.user_id')
            .select([
            'api_keys.id',
            'api_keys.scopes',
            'api_keys.expires_at',
            'api_keys.revoked_at',
            'users.id as user_id',
            'users.role',
            'users.disabled',
        ])
            .where('api_keys.key_hash', '=', hash)
            .executeTakeFirst();
        if (!row || row.revoked_at !== null || row.disabled === 1)
            return null;
        if (row.expires_at !== null && Date.parse(row.expires_at) <= Date.now())
            return null;
        if (revoked.has(keyMarker(row.id)))
            return null;
        const principal = {
            userId: row.user_id,
            role: row.role,
            sessionId: null,
            apiKeyId: row.id,
            scopes: JSON.parse(row.scopes),
            mustChangePassword: false,
        };
        await db
            .updateTable('api_keys')
            .set({ last_used_at: new Date().toISOString() })
            .where('id', '=', row.id)
            .execute();
        if (cache.size >= CACHE_MAX)
            cache.clear();
        cache.set(key, { principal, cachedAt });
        return principal;
    };
    // Cached by the key's text, as verified access tokens are: a known key costs neither a hash
    // nor a promise (the answer is given at once).
    return (key) => {
        const cached = cache.get(key);
        if (cached && stillValid(cached))
            return cached.principal;
        cache.delete(key);
        return lookUp(key);
    };
}
//# sourceMappingURL=api-keys.js.map