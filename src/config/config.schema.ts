import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from '../platform/schema.js';

/** The languages the interface can be set to. */
export const LANGUAGES = ['en', 'de'] as const;

const milliseconds = (defaultValue: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: 86_400_000, default: defaultValue, description });

/**
 * Every environment variable Enclave reads, with its default. The README's configuration
 * table documents the same names; `loadConfig` validates against this schema at start.
 */
export const EnvSchema = Type.Object({
  NODE_ENV: StringEnum(['development', 'production', 'test'], {
    default: 'development',
    description: '`production` turns on strict start-up checks',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'bind address' }),
  ENCLAVE_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'data directory' }),
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://', description: 'postgres://… selects PostgreSQL' }),
  ),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 500, default: 10 }),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(30_000, 'longest a single SQL statement may run'),
  DATABASE_CONNECT_RETRY_MS: milliseconds(30_000, 'how long start-up retries PostgreSQL'),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  REDIS_CONNECT_RETRY_MS: milliseconds(30_000, 'how long start-up waits for Redis'),
  OLLAMA_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:11434' }),
  OPENAI_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  OPENAI_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: milliseconds(90_000, 'time a model may take to start'),
  UPSTREAM_IDLE_TIMEOUT_MS: milliseconds(60_000, 'longest silence between two tokens'),
  UPSTREAM_CONCURRENCY: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  UPSTREAM_CONNECT_TIMEOUT_MS: milliseconds(5_000, 'time to open a connection to an upstream'),
  UPSTREAM_LIST_TIMEOUT_MS: milliseconds(2_000, 'time an upstream may take to list its models'),
  UPSTREAM_TOTAL_TIMEOUT_MS: milliseconds(600_000, 'longest one generation may run'),
  UPSTREAM_RETRIES: Type.Integer({
    minimum: 0,
    maximum: 10,
    default: 2,
    description: 'retries of an upstream call that failed before its first token',
  }),
  WS_MAX_CONNECTIONS_PER_USER: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  WS_MESSAGES_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 120 }),
  WS_HEARTBEAT_MS: milliseconds(30_000, 'how often idle sockets are pinged'),
  LOG_LEVEL: StringEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
  }),
  CORS_ORIGINS: Type.String({ default: '', description: 'comma-separated allow-list' }),
  TRUST_PROXY: Type.String({ default: 'false', description: 'false, or proxy addresses/CIDRs' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 600 }),
  RATE_LIMIT_WINDOW_MS: milliseconds(60_000, 'global rate-limit window'),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 1_073_741_824, default: 1_048_576 }),
  MAX_EVENT_LOOP_DELAY_MS: milliseconds(1_000, 'event-loop lag above which requests get 503'),
  SHUTDOWN_TIMEOUT_MS: milliseconds(10_000, 'how long shutdown waits for in-flight requests'),
  ENCLAVE_MASTER_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'base64 of 32 bytes; else generated in data dir' }),
  ),
  ENCLAVE_METRICS_TOKEN: Type.Optional(
    Type.String({ minLength: 1, description: 'bearer token for /metrics; else generated' }),
  ),
  // Instance settings: unset, an admin changes them at run time; set, they are fixed here.
  ENCLAVE_REGISTRATION_OPEN: Type.Optional(
    StringEnum(['true', 'false'], { description: 'whether anyone may create an account' }),
  ),
  ENCLAVE_INSTANCE_NAME: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'name shown in the interface' }),
  ),
  ENCLAVE_DEFAULT_MODEL: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'model new chats start with' }),
  ),
  ENCLAVE_LANGUAGE: Type.Optional(StringEnum(LANGUAGES, { description: 'interface language' })),
});

export type Env = Static<typeof EnvSchema>;
