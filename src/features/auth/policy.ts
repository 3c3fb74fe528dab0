export const ROLES = ['admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['chat', 'documents', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: a signed-in user (access token) or a program (API key). */
export interface Principal {
  userId: string;
  role: Role;
  /** The session of an access token; null for an API key. */
  sessionId: string | null;
  /** The API key used; null for an access token. */
  apiKeyId: string | null;
  /** An API key's scopes; null for an access token, which may do all its user may. */
  scopes: readonly Scope[] | null;
  /** The user must change their password before anything else. */
  mustChangePassword: boolean;
}

/** What a route needs, declared in its config: `config: { auth: { role: 'admin' } }`. */
export interface AccessRule {
  /** Only this role (default: any signed-in user). */
  role?: Role;
  /** An API key needs this scope (admin routes need `admin`). */
  scope?: Scope;
  /** Allowed while a password change is pending (me, password change, logout). */
  duringPasswordChange?: boolean;
  /** Only for a signed-in person, never an API key (sessions, keys, password, MFA). */
  sessionOnly?: boolean;
}

export type Refusal = 'forbidden' | 'insufficient_scope' | 'password_change_required';

/** The one place access is decided; ownership of rows is enforced in the queries. */
export function refusalFor(principal: Principal, rule: AccessRule): Refusal | null {
  if (principal.mustChangePassword && !rule.duringPasswordChange) {
    return 'password_change_required';
  }
  if (rule.role && principal.role !== rule.role) return 'forbidden';
  if (rule.sessionOnly && principal.apiKeyId !== null) return 'insufficient_scope';
  const scope = rule.scope ?? (rule.role === 'admin' ? 'admin' : undefined);
  if (principal.scopes && scope && !principal.scopes.includes(scope)) return 'insufficient_scope';
  return null;
}
