import type {
  ApiKeysTable,
  ApiUsageTable,
  ConversationsTable,
  MessagesTable,
  ProvidersTable,
  AuditEventsTable,
  RecoveryCodesTable,
  RefreshTokensTable,
  SessionsTable,
  SettingsTable,
  UsersTable,
} from './tables.js';

/**
 * The whole database as Kysely sees it. Each feature adds its tables here as it arrives, so
 * every query is typed from one place (STYLE.md 5).
 */
export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  recovery_codes: RecoveryCodesTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  providers: ProvidersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  api_usage: ApiUsageTable;
}
