import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { countActiveAdmins, type UserRow } from './users.queries.js';

export function isActiveAdmin(user: UserRow): boolean {
  return user.role === 'admin' && user.disabled === 0;
}

/**
 * Refuses (409 `last_admin`) to demote, disable or delete `user` when they are the only active
 * admin, since nobody could then manage the instance. Run inside the change's transaction, on
 * the user row read after `lockActiveAdmins`.
 */
export async function ensureAnotherAdmin(trx: Transaction<Database>, user: UserRow): Promise<void> {
  if (isActiveAdmin(user) && (await countActiveAdmins(trx)) <= 1) {
    throw new AppError('last_admin');
  }
}
