import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { findUserById, findUserByUsername } from '../users/users.queries.js';
import { signInBudgets, spend } from './attempt-budget.js';
import { checkSecondFactor } from './mfa.js';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { revokeUserSessions, startSession } from './sessions.js';
/**
 * Checks a username and password (and the second factor when the account has MFA), then opens
 * a session. Unknown usernames, wrong passwords and disabled accounts cost the same argon2 work
 * and answer alike, every attempt is charged to the sign-in budgets first, and every failure is
 * audited.
 */
export async function signIn(deps, body, request) {
    const budgets = signInBudgets(body.username, request.ip);
    await spend(deps.budget, budgets);
    const user = await findUserByUsername(deps.db, body.username);
    const passwordOk = user
        ? await verifyPassword(user.password_hash, body.password)
        : (await verifyAgainstDummy(body.password), false);
    if (!user || !passwordOk || user.disabled === 1) {
        await recordAudit(deps.db, request, {
            action: 'auth.login',
            outcome: 'failure',
            actor: user ? { id: user.id, username: user.username } : null,
            details: { username: body.username.slice(0, 64), reason: 'invalid_credentials' },
        });
        throw new AppError('invalid_credentials');
    }
    if (user.mfa_enabled === 1) {
        await checkSecondFactor(deps, user, body, request);
    }
    await deps.budget.refund(budgets, [budgets[0]?.key ?? '']);
    if (needsRehash(user.password_hash)) {
        const rehashed = await hashPassword(body.password);
        await deps.db
            .updateTable('users')
            .set({ password_hash: rehashed })
            .where('id', '=', user.id)
            .execute();
    }
    const pair = await deps.db.transaction().execute(async (trx) => {
        const tokens = await startSession(trx, deps.tokens, user, request);
        await recordAudit(trx, request, {
            action: 'auth.login',
            outcome: 'success',
            actor: { id: user.id, username: user.username },
        });
        return tokens;
    });
    // A disable or role change that committed while this sign-in ran ends every session it can
    // see, but maybe not this new one: look again now that the session exists.
    const after = await findUserById(deps.db, user.id);
    if (!after || after.disabled === 1 || after.role !== user.role) {
        await revokeUserSessions(deps, user.id, 'account changed during sign-in');
        if (after && after.disabled === 0) {
            throw new AppError('conflict', 'The account changed while signing in; sign in again.');
        }
        throw new AppError('invalid_credentials');
    }
    return { pair, user: after };
}
//# sourceMappingURL=sign-in.js.map