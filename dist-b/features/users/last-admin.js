import { AppError } from '../../platform/http/errors.js';
import { countActiveAdmins } from './users.queries.js';
export function isActiveAdmin(user) {
    return user.role === 'admin' && user.disabled === 0;
}
/**
 * Refuses (409 `last_admin`) to demote, disable or delete `user` when they are the only active
 * admin, since nobody could then manage the instance. Run inside the change's transaction, on
 * the user row read after `lockActiveAdmins`.
 */
export async function ensureAnotherAdmin(trx, user) {
    if (isActiveAdmin(user) && (await countActiveAdmins(trx)) <= 1) {
        throw new AppError('last_admin');
    }
}
//# sourceMappingURL=last-admin.js.map