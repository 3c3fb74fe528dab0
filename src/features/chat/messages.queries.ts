import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { MessageRow } from './message.presenter.js';

/** The caller's message, or undefined when it does not exist or belongs to someone else. */
export function findMessage(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
