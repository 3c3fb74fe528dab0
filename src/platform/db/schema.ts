import type { SettingsTable } from './tables.js';

/**
 * The whole database as Kysely sees it. Each feature adds its tables here as it arrives, so
 * every query is typed from one place (STYLE.md 5).
 */
export interface Database {
  settings: SettingsTable;
}
