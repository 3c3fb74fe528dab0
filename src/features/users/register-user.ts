import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { readSetting, type FixedSettings } from '../admin/settings.js';
import type { AccountServices } from '../auth/account-services.js';
import type { TokenPair } from '../auth/sessions.js';
import { createAndSignIn } from './create-and-sign-in.js';
import { rethrowUsernameTaken } from './username-taken.js';
import { countActiveAdmins, type UserRow } from './users.queries.js';

/**
 * Someone creates their own `user` account while registration is open, and is signed in.
 * Before setup it stays closed whatever the setting says: a stranger's account would
 * otherwise end setup (which runs only while no user exists) and leave the instance with no
 * admin.
 */
export async function registerUser(props: {
  services: AccountServices;
  fixed: FixedSettings;
  input: { username: string; password: string; displayName?: string | undefined };
  request: FastifyRequest;
}): Promise<{ user: UserRow; pair: TokenPair }> {
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
    .execute((trx) =>
      createAndSignIn(trx, {
        tokens: services.tokens,
        input: { ...input, role: 'user' },
        action: 'auth.register',
        request,
      }),
    )
    .catch((error: unknown) => rethrowUsernameTaken(db, input.username, error));
}
