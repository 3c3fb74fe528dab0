import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { endAllAccess } from '../auth/sessions.js';
import { temporaryPassword } from './temporary-password.js';
import { findUserById, updateUserRow } from './users.queries.js';
/**
 * An admin replaces a user's password with a temporary one, returned once for the admin to
 * hand over; the user must change it at the next sign-in. Every session of the user ends at
 * once (after commit, so a sign-in with the old password racing the reset is ended too).
 */
export async function resetPassword(props) {
    const { services, actor, userId, request } = props;
    const user = await findUserById(services.db, userId);
    if (!user)
        throw new AppError('not_found', 'No such user.');
    const password = temporaryPassword(user.username);
    const passwordHash = await hashPassword(password);
    await services.db.transaction().execute(async (trx) => {
        const updated = await updateUserRow(trx, userId, {
            password_hash: passwordHash,
            must_change_password: 1,
        });
        if (!updated)
            throw new AppError('not_found', 'No such user.');
        await recordAudit(trx, request, {
            action: 'user.reset_password',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'user', id: userId },
            details: { username: user.username },
        });
    });
    await endAllAccess(services, userId, 'password reset by an admin');
    return password;
}
//# sourceMappingURL=reset-password.js.map