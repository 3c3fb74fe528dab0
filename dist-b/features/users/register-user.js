import { AppError } from '../../platform/http/errors.js';
import { readSetting } from '../admin/settings.js';
import { createAndSignIn } from './create-and-sign-in.js';
import { rethrowUsernameTaken } from './username-taken.js';
import { countActiveAdmins } from './users.queries.js';
/**
 * Someone creates their own `user` account while registration is open, and is signed in.
 * Before setup it stays closed whatever the setting says: a stranger's account would
 * otherwise end setup (which runs only while no user exists) and leave the instance with no
 * admin.
 */
export async function registerUser(props) {
    const { services, fixed, input, request } = props;
    const { db } = services;
    if (!(await readSetting(db, fixed, 'registrationOpen'))) {
        throw new AppError('registration_closed');
    }
    if ((await countActiveAdmins(db)) === 0) {
        throw new AppError('registration_closed', 'Registration opens once setup is complete.');
    }
    return db
        .transaction()
        .execute((trx) => createAndSignIn(trx, {
        tokens: services.tokens,
        input: { ...input, role: 'user' },
        action: 'auth.register',
        request,
    }))
        .catch((error) => rethrowUsernameTaken(db, input.username, error));
}
//# sourceMappingURL=register-user.js.map