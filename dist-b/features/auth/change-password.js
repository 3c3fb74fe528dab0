import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { findUserById } from '../users/users.queries.js';
import { spend, signInBudgets } from './attempt-budget.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
/**
 * Changes the caller's password after checking the current one (charged to the sign-in budget
 * like any password guess). Every other session ends at once; the caller's own goes on (after a
 * forced change, its next refresh yields tokens without the pending-change mark).
 */
export async function changePassword(services, principal, body, request) {
    const user = await findUserById(services.db, principal.userId);
    if (!user)
        throw new AppError('invalid_token');
    const budgets = signInBudgets(user.username, request.ip);
    await spend(services.budget, budgets);
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
        await recordAudit(services.db, request, {
            action: 'auth.password_change',
            outcome: 'failure',
            actor: { id: user.id, username: user.username },
            details: { reason: 'wrong current password' },
        });
        throw new AppError('invalid_credentials', 'The current password is wrong.');
    }
    await services.budget.refund(budgets, [budgets[0]?.key ?? '']);
    const problem = passwordProblem(body.newPassword, user.username);
    if (problem)
        throw new AppError('weak_password', problem);
    if (body.newPassword === body.currentPassword) {
        throw new AppError('weak_password', 'The new password must differ from the current one.');
    }
    const passwordHash = await hashPassword(body.newPassword);
    await services.db.transaction().execute(async (trx) => {
        await trx
            .updateTable('users')
            .set({
            password_hash: passwordHash,
            must_change_password: 0,
            updated_at: new Date().toISOString(),
        })
            .where('id', '=', user.id)
            .execute();
        await recordAudit(trx, request, {
            action: 'auth.password_change',
            outcome: 'success',
            actor: { id: user.id, username: user.username },
        });
    });
    await revokeUserSessions(services, user.id, 'password changed', {
        except: principal.sessionId ?? undefined,
    });
}
//# sourceMappingURL=change-password.js.map