import { randomToken, sha256Hex } from '../../platform/crypto/hashing.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.js';
import { ACCESS_TOKEN_TTL_MS } from './access-tokens.js';
import { userMarker } from './revocations.js';
export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000;
const iso = (ms) => new Date(ms).toISOString();
function accessTokenFor(tokens, user, sessionId) {
    return tokens.sign({
        sub: user.id,
        sid: sessionId,
        role: user.role,
        ...(user.must_change_password === 1 ? { mcp: true } : {}),
    });
}
async function issueRefreshToken(trx, sessionId, sessionEndsAt) {
    const refreshToken = randomToken(32);
    const refreshExpiresAt = Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, sessionEndsAt);
    await trx
        .insertInto('refresh_tokens')
        .values({
        token_hash: sha256Hex(refreshToken),
        session_id: sessionId,
        created_at: iso(Date.now()),
        expires_at: iso(refreshExpiresAt),
        used_at: null,
    })
        .execute();
    return { refreshToken, refreshExpiresAt };
}
/** A new session (one sign-in) for `user`, with its first token pair. */
export async function startSession(trx, tokens, user, request) {
    const sessionId = newId();
    const endsAt = Date.now() + SESSION_MAX_MS;
    const userAgent = request.headers['user-agent'];
    await trx
        .insertInto('sessions')
        .values({
        id: sessionId,
        user_id: user.id,
        created_at: iso(Date.now()),
        expires_at: iso(endsAt),
        last_used_at: iso(Date.now()),
        revoked_at: null,
        revoked_reason: null,
        client_address: request.ip,
        user_agent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    })
        .execute();
    const refresh = await issueRefreshToken(trx, sessionId, endsAt);
    return {
        accessToken: accessTokenFor(tokens, user, sessionId),
        ...refresh,
        expiresIn: ACCESS_TOKEN_TTL_MS / 1000,
    };
}
/**
 * Trades a refresh token for a new pair. The token is marked used in the same statement that
 * checks it is unused, so of concurrent refreshes with one token at most one wins; presenting
 * a used token (a replay, or the loser of such a race) revokes the whole session.
 */
export async function refreshSession(deps, refreshToken, request) {
    const tokenHash = sha256Hex(refreshToken);
    const outcome = await deps.db.transaction().execute(async (trx) => {
        const found = await trx
            .selectFrom('refresh_tokens')
            .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
            .innerJoin('users', 'users.id', 'sessions.user_id')
            .select([
            'refresh_tokens.used_at',
            'refresh_tokens.expires_at as token_expires_at',
            'sessions.id as session_id',
            'sessions.expires_at as session_expires_at',
            'sessions.revoked_at',
            'users.id as user_id',
            'users.username',
            'users.disabled',
        ])
            .where('refresh_tokens.token_hash', '=', tokenHash)
            .executeTakeFirst();
        if (!found || found.revoked_at !== null || found.disabled === 1)
            return 'invalid';
        const now = Date.now();
        if (Date.parse(found.token_expires_at) <= now || Date.parse(found.session_expires_at) <= now) {
            return 'invalid';
        }
        const claimed = await trx
            .updateTable('refresh_tokens')
            .set({ used_at: iso(now) })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .executeTakeFirst();
        if (found.used_at !== null || Number(claimed.numUpdatedRows) !== 1) {
            await revokeSessionRows(trx, [found.session_id], 'refresh token reused');
            await recordAudit(trx, request, {
                action: 'auth.refresh_reuse',
                outcome: 'failure',
                actor: { id: found.user_id, username: found.username },
                target: { type: 'session', id: found.session_id },
            });
            return { reused: found.session_id, pair: null };
        }
        const user = await trx
            .selectFrom('users')
            .selectAll()
            .where('id', '=', found.user_id)
            .executeTakeFirstOrThrow();
        await trx
            .updateTable('sessions')
            .set({ last_used_at: iso(now) })
            .where('id', '=', found.session_id)
            .execute();
        const next = await issueRefreshToken(trx, found.session_id, Date.parse(found.session_expires_at));
        return {
            reused: null,
            pair: {
                accessToken: accessTokenFor(deps.tokens, user, found.session_id),
                ...next,
                expiresIn: ACCESS_TOKEN_TTL_MS / 1000,
            },
        };
    });
    if (outcome === 'invalid')
        throw new AppError('invalid_refresh_token');
    if (outcome.reused !== null) {
        await deps.revoked.add([outcome.reused]);
        throw new AppError('refresh_token_reused');
    }
    return outcome.pair;
}
async function revokeSessionRows(trx, sessionIds, reason) {
    if (sessionIds.length === 0)
        return;
    await trx
        .updateTable('sessions')
        .set({ revoked_at: iso(Date.now()), revoked_reason: reason })
        .where('id', 'in', sessionIds)
        .where('revoked_at', 'is', null)
        .execute();
}
/**
 * Ends sessions at once: marked revoked in the database (no refresh works) and added to the
 * revocation list (no access token works, on any instance). `except` keeps the caller's own.
 */
export async function revokeUserSessions(deps, userId, reason, options = {}) {
    let query = deps.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
    if (options.except)
        query = query.where('id', '!=', options.except);
    if (options.only)
        query = query.where('id', '=', options.only);
    const ids = (await query.execute()).map((row) => row.id);
    await revokeSessionRows(deps.db, ids, reason);
    await deps.revoked.add(ids);
    return ids;
}
/**
 * Ends everything a user holds at once: every session (and so every access token) and every
 * cached API-key answer. For disable, delete, role change and password reset by an admin.
 */
export async function endAllAccess(deps, userId, reason) {
    await revokeUserSessions(deps, userId, reason);
    await deps.revoked.add([userMarker(userId)]);
}
//# sourceMappingURL=sessions.js.map