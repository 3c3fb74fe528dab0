import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { endAllAccess } from '../auth/sessions.js';
import { ensureAnotherAdmin } from './last-admin.js';
import { deleteUserById, findUserById, lockActiveAdmins } from './users.queries.js';
/**
 * An admin deletes a user, with their sessions, keys and recovery codes (by cascade); the audit
 * trail keeps what they did. Deleting the last active admin is refused (409 `last_admin`).
 */
export async function deleteUser(props) {
    const { services, actor, userId, request } = props;
    await services.db.transaction().execute(async (trx) => {
        await lockActiveAdmins(trx);
        const user = await findUserById(trx, userId);
        if (!user)
            throw new AppError('not_found', 'No such user.');
        await ensureAnotherAdmin(trx, user);
        // Before the delete: the cascade removes the session rows that name the access tokens to
        // revoke. Should the delete then fail, the user is signed out, not left signed in.
        await endAllAccess({ db: trx, revoked: services.revoked }, userId, 'user deleted');
        if (!(await deleteUserById(trx, userId)))
            throw new AppError('not_found', 'No such user.');
        await recordAudit(trx, request, {
            action: 'user.delete',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'user', id: userId },
            details: { username: user.username, role: user.role },
        });
    });
}
//# sourceMappingURL=delete-user.js.map