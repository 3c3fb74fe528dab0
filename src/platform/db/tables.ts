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

/** An upstream an admin added; upstreams from the environment are not stored. */
export interface ProvidersTable {
  id: string;
  name: string;
  kind: 'ollama' | 'openai';
  base_url: string;
  /** Sealed with the master key (secret-box); never returned. */
  api_key_sealed: string | null;
  enabled: Generated<Flag>;
  concurrency: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface ConversationsTable {
  id: string;
  user_id: string;
  title: string | null;
  model: string | null;
  system_prompt: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export type MessageRole = 'user' | 'assistant';
export type MessageStatus =
  'queued' | 'streaming' | 'complete' | 'cancelled' | 'failed' | 'interrupted';

export interface MessagesTable {
  id: string;
  conversation_id: string;
  /** The conversation's owner, repeated so every message query filters by caller. */
  user_id: string;
  role: MessageRole;
  content: Generated<string>;
  status: MessageStatus;
  model: string | null;
  error_code: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** The instance running this generation (queued or streaming); null once it ended. */
  runner_id: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

/** One call through the OpenAI-compatible API. */
export interface ApiUsageTable {
  id: string;
  at: Generated<string>;
  user_id: string;
  api_key_id: string | null;
  endpoint: string;
  model: string;
  /** 'success' or the error code the call ended with. */
  outcome: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
}
