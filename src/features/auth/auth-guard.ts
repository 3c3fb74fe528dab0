import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/http/errors.js';
import type { AccessClaims, AccessTokens } from './access-tokens.js';
import { refusalFor, type AccessRule, type Principal } from './policy.js';
import type { RevokedSessions } from './revocations.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route. Routes under /api/ and /v1/ need a signed-in principal unless
     * they say `auth: false`; an object narrows it further (role, API-key scope).
     */
    auth?: AccessRule | false;
  }
  interface FastifyRequest {
    /** Set by the guard on every route that needs authentication. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route the guard protects, with its rule (tests walk it so none is forgotten). */
    guardedRoutes: GuardedRoute[];
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  rule: AccessRule;
}

/**
 * Looks up an `enc_…` API key; null when it is unknown, revoked, expired or its user is not.
 * An answer it already knows comes at once; one it must look up, as a promise.
 */
export type ApiKeyResolver = (key: string) => Principal | null | Promise<Principal | null>;

export interface AuthGuardOptions {
  tokens: AccessTokens;
  revoked: RevokedSessions;
  resolveApiKey: ApiKeyResolver;
  /** URL prefixes of routes other plugins register that are open (the docs UI in development). */
  publicPrefixes?: readonly string[];
}

const API_KEY_PREFIX = 'enc_';

/** The principal a guarded route runs for. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized');
  return request.principal;
}

/**
 * The principal of each verified token's claims, made once: the claims object is the one the
 * token cache keeps, so a token seen before costs no new object either.
 */
const principalsOfClaims = new WeakMap<AccessClaims, Principal>();

/** Whom a valid, unrevoked access token speaks for; null for any other token. */
export function principalFromAccessToken(
  tokens: AccessTokens,
  revoked: RevokedSessions,
  token: string,
): Principal | null {
  const claims = tokens.verify(token);
  if (!claims || revoked.has(claims.sid)) return null;
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

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
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
export const authGuard = fp(
  async (app: FastifyInstance, options: AuthGuardOptions) => {
    app.decorateRequest('principal', null);
    const guardedRoutes: GuardedRoute[] = [];
    app.decorate('guardedRoutes', guardedRoutes);

    const fromAccessToken = (token: string) =>
      principalFromAccessToken(options.tokens, options.revoked, token);

    const admit = (request: FastifyRequest, principal: Principal | null, rule: AccessRule) => {
      if (!principal) throw new AppError('invalid_token');
      const refusal = refusalFor(principal, rule);
      if (refusal) throw new AppError(refusal);
      request.principal = principal;
    };

    const guardFor =
      (rule: AccessRule): onRequestHookHandler =>
      (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
        const token = bearerOf(request);
        if (!token) {
          done(new AppError('unauthorized', 'Send an access token or API key as a Bearer token.'));
          return;
        }
        const principal = token.startsWith(API_KEY_PREFIX)
          ? options.resolveApiKey(token)
          : fromAccessToken(token);
        if (principal instanceof Promise) {
          principal.then(
            (resolved) => {
              try {
                admit(request, resolved, rule);
                done();
              } catch (error) {
                done(error as Error);
              }
            },
            (error: unknown) => done(error as Error),
          );
          return;
        }
        try {
          admit(request, principal, rule);
          done();
        } catch (error) {
          done(error as Error);
        }
      };

    app.addHook('onRoute', (route) => {
      const rule = route.config?.auth;
      if (rule === false) return;
      if (options.publicPrefixes?.some((prefix) => route.url.startsWith(prefix))) return;
      const guarded = route.url.startsWith('/api/') || route.url.startsWith('/v1/');
      if (!guarded && rule === undefined) return;
      const existing = route.onRequest;
      const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
      route.onRequest = [...hooks, guardFor(rule ?? {})];
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
        if (method !== 'HEAD') guardedRoutes.push({ method, url: route.url, rule: rule ?? {} });
      }
    });
  },
  { name: 'auth-guard' },
);
