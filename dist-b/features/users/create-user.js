import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { findUserByUsername, normalizeUsername } from './users.queries.js';
/**
 * Creates a user after checking the password policy and that the username is free (409
 * `username_taken`). The username is stored lower-cased; the display name keeps its case.
 */
export async function createUser(db, input) {
    const username = normalizeUsername(input.username);
    const problem = passwordProblem(input.password, username);
    if (problem)
        throw new AppError('weak_password', problem);
    if (await findUserByUsername(db, username))
        throw new AppError('username_taken');
    const now = new Date().toISOString();
    return db
        .insertInto('users')
        .values({
        id: newId(),
        username,
        display_name: input.displayName?.trim() || input.username.trim(),
        password_hash: await hashPassword(input.password),
        role: input.role,
        must_change_password: input.mustChangePassword ? 1 : 0,
        mfa_secret: null,
        mfa_last_step: null,
        created_at: now,
        updated_at: now,
    })
        .returningAll()
        .executeTakeFirstOrThrow();
}
//# sourceMappingURL=create-user.js.map