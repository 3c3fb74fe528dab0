import * as settings from './2026-11-22-0001-settings.js';
import * as accounts from './2026-11-30-0001-accounts.js';
import * as chat from './2026-11-30-0002-chat.js';
/**
 * Every migration, by name in the order they apply. Names sort by date; a new migration is
 * added at the end and never edited after it ships.
 */
export const migrations = {
    '2026-11-22-0001-settings': settings,
    '2026-11-30-0001-accounts': accounts,
    '2026-11-30-0002-chat': chat,
};
//# sourceMappingURL=index.js.map