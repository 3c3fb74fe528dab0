import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Principal } from '../auth/policy.js';
import { createUser, type NewUser } from './create-user.js';
import { rethrowUsernameTaken } from './username-taken.js';
import type { UserRow } from './users.queries.js';

/** An admin creates an account (any role), audited as `user.create`. */
export async function addUser(props: {
  db: Kysely<Database>;
  actor: Principal;
  input: NewUser;
  request: FastifyRequest;
}): Promise<UserRow> {
  const { db, actor, input, request } = props;
  return db
    .transaction()
    .execute(async (trx) => {
      const user = await createUser(trx, input);
      await recordAudit(trx, request, {
        action: 'user.create',
        outcome: 'success',
        actor: { id: actor.userId, username: null },
        target: { type: 'user', id: user.id },
        details: { username: user.username, role: user.role },
      });
      return user;
    })
    .catch((error: unknown) => rethrowUsernameTaken(db, input.username, error));
}
