import { AppError } from '../../platform/http/errors.js';
import { findUserByUsername } from './users.queries.js';
/**
 * For the `catch` of a user creation: of two concurrent creations with one username, the one
 * that loses the race hits the unique index instead of createUser's check; it gets the same
 * 409 `username_taken` rather than a 500. Anything else is rethrown.
 */
export async function rethrowUsernameTaken(db, username, error) {
    if (!(error instanceof AppError) && (await findUserByUsername(db, username))) {
        throw new AppError('username_taken');
    }
    throw error;
}
//# sourceMappingURL=username-taken.js.map