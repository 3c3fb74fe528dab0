import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { endAllAccess } from '../auth/sessions.js';
import { ensureAnotherAdmin } from './last-admin.js';
import { findUserById, lockActiveAdmins, updateUserRow } from './users.queries.js';
/**
 * An admin changes a user's role, disabled flag or display name. Demoting or disabling the last
 * active admin is refused (409 `last_admin`). A changed role or a disabling ends everything the
 * user holds at once (tokens carry the role, and a disabled user must be out now, not when
 * their token expires); that happens after commit, so a sign-in racing the change is caught too.
 */
export async function updateUser(props) {
    const { services, actor, userId, changes, request } = props;
    const displayName = changes.displayName?.trim();
    const { user, changed } = await services.db.transaction().execute(async (trx) => {
        if (changes.role !== undefined || changes.disabled !== undefined) {
            await lockActiveAdmins(trx);
        }
        const current = await findUserById(trx, userId);
        if (!current)
            throw new AppError('not_found', 'No such user.');
        const next = {
            role: changes.role ?? current.role,
            disabled: changes.disabled === undefined ? current.disabled : changes.disabled ? 1 : 0,
            display_name: displayName ?? current.display_name,
        };
        const changed = [
            ...(next.role !== current.role ? ['role'] : []),
            ...(next.disabled !== current.disabled ? ['disabled'] : []),
            ...(next.display_name !== current.display_name ? ['displayName'] : []),
        ];
        if (changed.length === 0)
            return { user: current, changed };
        if (next.role !== 'admin' || next.disabled === 1)
            await ensureAnotherAdmin(trx, current);
        const user = await updateUserRow(trx, userId, next);
        if (!user)
            throw new AppError('not_found', 'No such user.');
        await recordAudit(trx, request, {
            action: 'user.update',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'user', id: userId },
            details: {
                username: user.username,
                changed,
                ...(changed.includes('role') ? { role: user.role } : {}),
                ...(changed.includes('disabled') ? { disabled: user.disabled === 1 } : {}),
                ...(changed.includes('displayName') ? { displayName: user.display_name } : {}),
            },
        });
        return { user, changed };
    });
    if (changed.includes('disabled') && user.disabled === 1) {
        await endAllAccess(services, userId, 'disabled by an admin');
    }
    else if (changed.includes('role')) {
        await endAllAccess(services, userId, 'role changed');
    }
    return user;
}
//# sourceMappingURL=update-user.js.map