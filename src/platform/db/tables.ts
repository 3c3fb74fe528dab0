import type { Generated } from 'kysely';

/** Instance-wide settings changed at run time, one JSON value per key. */
export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  /** ISO 8601 UTC. */
  updated_at: Generated<string>;
}
