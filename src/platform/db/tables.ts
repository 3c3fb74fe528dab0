import type { Generated } from 'kysely';

/** Instance-wide settings changed at run time, one JSON value per key. */
export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  /** ISO 8601 UTC. */
  updated_at: Generated<string>;
}

/** Booleans are stored as 0/1 integers, which SQLite and PostgreSQL treat alike. */
export type Flag = 0 | 1;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'user';
  disabled: Generated<Flag>;
  must_change_password: Generated<Flag>;
  mfa_secret: string | null;
  mfa_enabled: Generated<Flag>;
  mfa_last_step: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Generated<string>;
  expires_at: string;
  last_used_at: Generated<string>;
  revoked_at: string | null;
  revoked_reason: string | null;
  client_address: string | null;
  user_agent: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Generated<string>;
  expires_at: string;
  used_at: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  /** JSON array of scope names. */
  scopes: string;
  created_at: Generated<string>;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  id: string;
  at: Generated<string>;
  action: string;
  outcome: 'success' | 'failure';
  actor_id: string | null;
  actor_username: string | null;
  target_type: string | null;
  target_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  /** JSON object. */
  details: string;
}
