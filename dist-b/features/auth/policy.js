export const ROLES = ['admin', 'user'];
export const SCOPES = ['chat', 'documents', 'admin'];
/** The one place access is decided; ownership of rows is enforced in the queries. */
export function refusalFor(principal, rule) {
    if (principal.mustChangePassword && !rule.duringPasswordChange) {
        return 'password_change_required';
    }
    if (rule.role && principal.role !== rule.role)
        return 'forbidden';
    if (rule.sessionOnly && principal.apiKeyId !== null)
        return 'insufficient_scope';
    const scope = rule.scope ?? (rule.role === 'admin' ? 'admin' : undefined);
    if (principal.scopes && scope && !principal.scopes.includes(scope))
        return 'insufficient_scope';
    return null;
}
//# sourceMappingURL=policy.js.map