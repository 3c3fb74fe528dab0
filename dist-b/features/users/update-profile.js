import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { findUserById, updateUserRow } from './users.queries.js';
/**
 * The signed-in person renames themselves. Only the display name can change here (role and
 * disabled flag stay an admin's business), so no sessions end. An unchanged name is not audited.
 */
export async function updateProfile(props) {
    const { db, principal, request } = props;
    const displayName = props.displayName.trim();
    return db.transaction().execute(async (trx) => {
        const current = await findUserById(trx, principal.userId);
        if (!current)
            throw new AppError('invalid_token');
        if (current.display_name === displayName)
            return current;
        const user = await updateUserRow(trx, current.id, { display_name: displayName });
        if (!user)
            throw new AppError('invalid_token');
        await recordAudit(trx, request, {
            action: 'user.update_profile',
            outcome: 'success',
            actor: { id: user.id, username: user.username },
            target: { type: 'user', id: user.id },
            details: { changed: ['displayName'], displayName: user.display_name },
        });
        return user;
    });
}
//# sourceMappingURL=update-profile.js.map