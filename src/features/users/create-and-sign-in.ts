import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AccessTokens } from '../auth/access-tokens.js';
import { startSession, type TokenPair } from '../auth/sessions.js';
import { createUser, type NewUser } from './create-user.js';
import type { UserRow } from './users.queries.js';

/**
 * Creates a user, opens their first session and records `action`, all in the caller's
 * transaction: for setup (the first admin) and self-registration.
 */
export async function createAndSignIn(
  trx: Kysely<Database>,
  props: { tokens: AccessTokens; input: NewUser; action: string; request: FastifyRequest },
): Promise<{ user: UserRow; pair: TokenPair }> {
  const user = await createUser(trx, props.input);
  const pair = await startSession(trx, props.tokens, user, props.request);
  await recordAudit(trx, props.request, {
    action: props.action,
    outcome: 'success',
    actor: { id: user.id, username: user.username },
    target: { type: 'user', id: user.id },
  });
  return { user, pair };
}
