import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { readSetting, type FixedSettings } from '../admin/settings.js';
import { recordAudit } from '../audit/audit.js';
import type { AccountServices } from '../auth/account-services.js';
import { startSession, type TokenPair } from '../auth/sessions.js';
import { createUser } from './create-user.js';
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
    .execute(async (trx) => {
      const user = await createUser(trx, { ...input, role: 'user' });
      const pair = await startSession(trx, services.tokens, user, request);
      await recordAudit(trx, request, {
        action: 'auth.register',
        outcome: 'success',
        actor: { id: user.id, username: user.username },
        target: { type: 'user', id: user.id },
      });
      return { user, pair };
    })
    .catch((error: unknown) => rethrowUsernameTaken(db, input.username, error));
}
