import { recordAudit } from '../features/audit/audit.js';
import { ACCESS_TOKEN_TTL_MS } from '../features/auth/access-tokens.js';
import { hashPassword } from '../features/auth/passwords.js';
import { temporaryPassword } from '../features/users/temporary-password.js';
import { findUserByUsername, updateUserRow } from '../features/users/users.queries.js';
import { CliError, withDatabase } from './cli-context.js';
import { revokeSessionsInDatabase } from './users.queries.js';
/**
 * `enclave user reset-password <username>`: sets a temporary password (printed on stdout) that
 * must be changed at the next sign-in, and ends the user's sessions. The recovery path for a
 * lost admin password: it needs only the database, not a running server.
 */
export async function resetPasswordCommand(context, options) {
    const { password, username, ended } = await withDatabase(context.config, async ({ db }) => {
        const user = await findUserByUsername(db, options.username);
        if (!user)
            throw noSuchUser(options.username);
        const password = temporaryPassword(user.username);
        const passwordHash = await hashPassword(password);
        const ended = await db.transaction().execute(async (trx) => {
            await updateUserRow(trx, user.id, { password_hash: passwordHash, must_change_password: 1 });
            const sessions = await revokeSessionsInDatabase(trx, user.id, 'password reset');
            // The same action as a reset through the admin API, marked as coming from the CLI.
            await recordAudit(trx, null, {
                action: 'user.reset_password',
                outcome: 'success',
                target: { type: 'user', id: user.id },
                details: { via: 'cli', username: user.username, sessionsEnded: sessions },
            });
            return sessions;
        });
        return { password, username: user.username, ended };
    });
    context.out(password);
    context.err(`Temporary password for "${username}" above; it must be changed at the next sign-in.`);
    context.err(endedSessionsNote(ended));
}
export function noSuchUser(username) {
    return new CliError(`No user named "${username}"; \`enclave user list\` shows who exists.`);
}
/** What ending sessions from the command line does, and what it cannot do. */
export function endedSessionsNote(ended) {
    if (ended === 0)
        return 'The user had no open session.';
    const minutes = ACCESS_TOKEN_TTL_MS / 60_000;
    return (`Ended ${ended} session(s): their refresh tokens no longer work. An access token already ` +
        `issued stays valid until it expires, within ${minutes} minutes, because a running server ` +
        `keeps its list of revoked tokens in memory, out of this command's reach.`);
}
//# sourceMappingURL=user-reset-password.command.js.map