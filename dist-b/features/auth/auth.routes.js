import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { presentUser, UserSchema } from '../users/user.presenter.js';
import { updateProfile } from '../users/update-profile.js';
import { IdParams, LoginBody, LoginResponse, PasswordChangeBody, ProfileChangeBody, RefreshBody, RefreshHeaders, SessionList, TokenPairSchema, TokenTransportHeaders, } from './auth.schema.js';
import { principalOf } from './auth-guard.js';
import { changePassword } from './change-password.js';
import { clearSessionCookies, deliverTokenPair, refreshTokenFromCookie, requestedTransport, } from './session-cookies.js';
import { refreshSession, revokeUserSessions } from './sessions.js';
import { signIn } from './sign-in.js';
const tags = ['auth'];
/** Sign-in and refresh limit themselves (attempt budgets); the global limit still applies. */
const open = { auth: false };
const self = { auth: { sessionOnly: true, duringPasswordChange: true } };
export const authRoutes = async (app, { services }) => {
    const { db } = services;
    app.post('/api/auth/login', {
        config: open,
        schema: {
            tags,
            summary: 'Sign in',
            headers: TokenTransportHeaders,
            body: LoginBody,
            response: { 200: LoginResponse },
        },
    }, async (request, reply) => {
        const { pair, user } = await signIn(services, request.body, request);
        const tokens = deliverTokenPair(request, reply, pair, requestedTransport(request));
        return { ...tokens, user: presentUser(user) };
    });
    app.post('/api/auth/refresh', {
        config: open,
        schema: {
            tags,
            summary: 'Trade a refresh token (body, or the enclave_refresh cookie with X-CSRF-Token) for a new token pair (single use)',
            headers: RefreshHeaders,
            body: RefreshBody,
            response: { 200: TokenPairSchema },
        },
        // A request without a body (the web app's cookie refresh) is read as an empty one.
        preValidation: (request, _reply, done) => {
            request.body ??= {};
            done();
        },
    }, async (request, reply) => {
        const fromBody = request.body.refreshToken;
        if (fromBody !== undefined) {
            const pair = await refreshSession(services, fromBody, request);
            return deliverTokenPair(request, reply, pair, requestedTransport(request));
        }
        const pair = await refreshSession(services, refreshTokenFromCookie(request), request).catch((error) => {
            // A dead refresh cookie is of no further use to the browser.
            if (error instanceof AppError && error.statusCode === 401) {
                clearSessionCookies(request, reply);
            }
            throw error;
        });
        return deliverTokenPair(request, reply, pair, 'cookie');
    });
    app.post('/api/auth/logout', {
        config: self,
        schema: { tags, summary: 'End this session at once and clear the session cookies' },
    }, async (request, reply) => {
        const principal = principalOf(request);
        const sessionId = principal.sessionId ?? '';
        await revokeUserSessions(services, principal.userId, 'logout', { only: sessionId });
        await recordAudit(db, request, {
            action: 'auth.logout',
            outcome: 'success',
            actor: { id: principal.userId, username: null },
            target: { type: 'session', id: sessionId },
        });
        clearSessionCookies(request, reply);
        return reply.code(204).send();
    });
    app.post('/api/auth/logout-all', {
        config: self,
        schema: {
            tags,
            summary: 'Sign out everywhere: end every session of the caller, this one included',
        },
    }, async (request, reply) => {
        const principal = principalOf(request);
        const ended = await revokeUserSessions(services, principal.userId, 'logout everywhere');
        await recordAudit(db, request, {
            action: 'auth.logout_all',
            outcome: 'success',
            actor: { id: principal.userId, username: null },
            target: { type: 'user', id: principal.userId },
            details: { sessions: ended.length },
        });
        clearSessionCookies(request, reply);
        return reply.code(204).send();
    });
    app.get('/api/auth/me', {
        config: { auth: { duringPasswordChange: true } },
        schema: { tags, summary: 'The signed-in user', response: { 200: UserSchema } },
    }, async (request) => {
        const user = await services.recentUsers.find(principalOf(request).userId);
        if (!user)
            throw new AppError('invalid_token');
        return presentUser(user);
    });
    app.patch('/api/auth/me', {
        config: { auth: { sessionOnly: true } },
        schema: {
            tags,
            summary: 'Change your own display name',
            body: ProfileChangeBody,
            response: { 200: UserSchema },
        },
    }, async (request) => {
        const { displayName } = request.body;
        const user = await updateProfile({
            db,
            principal: principalOf(request),
            displayName,
            request,
        });
        return presentUser(user);
    });
    app.post('/api/auth/password', {
        config: self,
        schema: {
            tags,
            summary: 'Change the password; every other session ends',
            body: PasswordChangeBody,
        },
    }, async (request, reply) => {
        await changePassword(services, principalOf(request), request.body, request);
        return reply.code(204).send();
    });
    app.get('/api/auth/sessions', {
        config: { auth: { sessionOnly: true } },
        schema: { tags, summary: "The caller's active sessions", response: { 200: SessionList } },
    }, async (request) => {
        const principal = principalOf(request);
        const rows = await db
            .selectFrom('sessions')
            .selectAll()
            .where('user_id', '=', principal.userId)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', new Date().toISOString())
            .orderBy('id', 'desc')
            .limit(200)
            .execute();
        return {
            items: rows.map((row) => ({
                id: row.id,
                createdAt: row.created_at,
                lastUsedAt: row.last_used_at,
                expiresAt: row.expires_at,
                clientAddress: row.client_address,
                userAgent: row.user_agent,
                current: row.id === principal.sessionId,
            })),
            nextCursor: null,
        };
    });
    app.delete('/api/auth/sessions/:id', {
        config: { auth: { sessionOnly: true } },
        schema: { tags, summary: 'End one of the caller’s sessions', params: IdParams },
    }, async (request, reply) => {
        const principal = principalOf(request);
        const ended = await revokeUserSessions(services, principal.userId, 'revoked by user', {
            only: request.params.id,
        });
        if (ended.length === 0)
            throw new AppError('not_found', 'No such session.');
        await recordAudit(db, request, {
            action: 'auth.session_revoke',
            outcome: 'success',
            actor: { id: principal.userId, username: null },
            target: { type: 'session', id: request.params.id },
        });
        return reply.code(204).send();
    });
};
//# sourceMappingURL=auth.routes.js.map