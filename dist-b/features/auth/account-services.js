import { RecentUsers } from '../users/recent-users.js';
import { createAccessTokens } from './access-tokens.js';
import { AttemptBudget } from './attempt-budget.js';
import { RevokedSessions } from './revocations.js';
export async function openAccountServices(options) {
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
//# sourceMappingURL=account-services.js.map