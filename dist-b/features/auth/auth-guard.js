import fp from 'fastify-plugin';
import { AppError } from '../../platform/http/errors.js';
import { refusalFor } from './policy.js';
const API_KEY_PREFIX = 'enc_';
/** The principal a guarded route runs for. */
export function principalOf(request) {
    if (!request.principal)
        throw new AppError('unauthorized');
    return request.principal;
}
/**
 * The principal of each verified token's claims, made once: the claims object is the one the
 * token cache keeps, so a token seen before costs no new object either.
 */
const principalsOfClaims = new WeakMap();
/** Whom a valid, unrevoked access token speaks for; null for any other token. */
export function principalFromAccessToken(tokens, revoked, token) {
    const claims = tokens.verify(token);
    if (!claims || revoked.has(claims.sid))
        return null;
    let principal = principalsOfClaims.get(claims);
    if (!principal) {
        principal = Object.freeze({
            userId: claims.sub,
            role: claims.role,
            sessionId: claims.sid,
            apiKeyId: null,
            scopes: null,
            mustChangePassword: claims.mcp === true,
        });
        principalsOfClaims.set(claims, principal);
    }
    return principal;
}
function bearerOf(request) {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer '))
        return null;
    const token = header.slice('Bearer '.length).trim();
    return token.length > 0 && token.length <= 4096 ? token : null;
}
/**
 * Authentication and the access rule of each route, attached to the routes that need it (so
 * public routes such as health probes pay nothing). Every way in — access token or API key —
 * ends in the same checks: a revoked session, a disabled or deleted user (whose sessions and
 * keys are revoked when that happens) and the route's rule. Checking an access token costs no
 * database round trip: the signature check is cached and revocations are held in memory.
 */
export const authGuard = fp(async (app, options) => {
    app.decorateRequest('principal', null);
    const guardedRoutes = [];
    app.decorate('guardedRoutes', guardedRoutes);
    const fromAccessToken = (token) => principalFromAccessToken(options.tokens, options.revoked, token);
    const admit = (request, principal, rule) => {
        if (!principal)
            throw new AppError('invalid_token');
        const refusal = refusalFor(principal, rule);
        if (refusal)
            throw new AppError(refusal);
        request.principal = principal;
    };
    const guardFor = (rule) => (request, _reply, done) => {
        const token = bearerOf(request);
        if (!token) {
            done(new AppError('unauthorized', 'Send an access token or API key as a Bearer token.'));
            return;
        }
        const principal = token.startsWith(API_KEY_PREFIX)
            ? options.resolveApiKey(token)
            : fromAccessToken(token);
        if (principal instanceof Promise) {
            principal.then((resolved) => {
                try {
                    admit(request, resolved, rule);
                    done();
                }
                catch (error) {
                    done(error);
                }
            }, (error) => done(error));
            return;
        }
        try {
            admit(request, principal, rule);
            done();
        }
        catch (error) {
            done(error);
        }
    };
    app.addHook('onRoute', (route) => {
        const rule = route.config?.auth;
        if (rule === false)
            return;
        if (options.publicPrefixes?.some((prefix) => route.url.startsWith(prefix)))
            return;
        const guarded = route.url.startsWith('/api/') || route.url.startsWith('/v1/');
        if (!guarded && rule === undefined)
            return;
        const existing = route.onRequest;
        const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
        route.onRequest = [...hooks, guardFor(rule ?? {})];
        for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
            if (method !== 'HEAD')
                guardedRoutes.push({ method, url: route.url, rule: rule ?? {} });
        }
    });
}, { name: 'auth-guard' });
//# sourceMappingURL=auth-guard.js.map