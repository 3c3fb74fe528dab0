import { recordAudit } from '../features/audit/audit.js';
import { ensureAnotherAdmin } from '../features/users/last-admin.js';
import { findUserById, findUserByUsername, lockActiveAdmins, updateUserRow, } from '../features/users/users.queries.js';
import { AppError } from '../platform/http/errors.js';
import { CliError, withDatabase } from './cli-context.js';
import { endedSessionsNote, noSuchUser } from './user-reset-password.command.js';
import { revokeSessionsInDatabase } from './users.queries.js';
/**
 * `enclave user disable <username> [--enable]`: a disabled user cannot sign in or refresh, and
 * their sessions end. The last active admin cannot be disabled, here as in the admin API.
 */
export async function setUserDisabledCommand(context, options) {
    const disable = options.enable !== true;
    const state = disable ? 'disabled' : 'enabled';
    const outcome = await withDatabase(context.config, async ({ db }) => {
        const found = await findUserByUsername(db, options.username);
        if (!found)
            throw noSuchUser(options.username);
        return db.transaction().execute(async (trx) => {
            if (disable)
                await lockActiveAdmins(trx);
            // Read again under the lock, so the last-admin check counts what is committed.
            const user = (await findUserById(trx, found.id)) ?? found;
            if ((user.disabled === 1) === disable)
                return { user, changed: false, ended: 0 };
            if (disable)
                await ensureAnotherAdmin(trx, user).catch(lastAdminHint(user.username));
            await updateUserRow(trx, user.id, { disabled: disable ? 1 : 0 });
            const ended = disable ? await revokeSessionsInDatabase(trx, user.id, 'disabled') : 0;
            // The same action as a change through the admin API, marked as coming from the CLI.
            await recordAudit(trx, null, {
                action: 'user.update',
                outcome: 'success',
                target: { type: 'user', id: user.id },
                details: { via: 'cli', username: user.username, changed: ['disabled'], disabled: disable },
            });
            return { user, changed: true, ended };
        });
    });
    const name = outcome.user.username;
    if (!outcome.changed) {
        context.err(`"${name}" was already ${state}; nothing changed.`);
        return;
    }
    context.err(`"${name}" is now ${state}.`);
    if (disable)
        context.err(endedSessionsNote(outcome.ended));
}
const lastAdminHint = (username) => (error) => {
    if (error instanceof AppError && error.code === 'last_admin') {
        throw new CliError(`"${username}" is the last active admin and cannot be disabled; make another admin first (\`enclave user create <username> --role admin\`).`);
    }
    throw error;
};
//# sourceMappingURL=user-disable.command.js.map