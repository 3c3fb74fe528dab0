import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { TableWrites } from '../../platform/db/table-writes.js';
import { RecentUsers } from '../users/recent-users.js';
import type { Secrets } from '../../config/secrets.js';
import type { Database } from '../../platform/db/schema.js';
import { createAccessTokens, type AccessTokens } from './access-tokens.js';
import { AttemptBudget } from './attempt-budget.js';
import { RevokedSessions } from './revocations.js';

/** What the account features share: tokens, revocations, attempt budgets and the master key. */
export interface AccountServices {
  db: Kysely<Database>;
  tokens: AccessTokens;
  revoked: RevokedSessions;
  budget: AttemptBudget;
  masterKeys: Secrets['masterKeys'];
  recentUsers: RecentUsers;
}

export async function openAccountServices(options: {
  db: Kysely<Database>;
  tableWrites: TableWrites;
  secrets: Secrets;
  redis: Redis | null;
  redisPrefix: string;
  logger: FastifyBaseLogger;
}): Promise<AccountServices> {
  return {
    db: options.db,
    tokens: createAccessTokens(options.secrets.signingKeys),
    revoked: await RevokedSessions.open({
      redis: options.redis,
      prefix: `${options.redisPrefix}:`,
      logger: options.logger,
    }),
    budget: new AttemptBudget(options.redis, `${options.redisPrefix}:attempts:`),
    masterKeys: options.secrets.masterKeys,
    recentUsers: new RecentUsers(options.db, options.tableWrites),
  };
}
