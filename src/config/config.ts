import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { Ajv, type ErrorObject } from 'ajv';
import { EnvSchema, type Env } from './config.schema.js';

export type NodeEnv = Env['NODE_ENV'];
export type LogLevel = Env['LOG_LEVEL'];
export type Language = NonNullable<Env['ENCLAVE_LANGUAGE']>;
/** `false`, or the addresses/CIDRs of the reverse proxies whose X-Forwarded-* headers count. */
export type TrustProxy = boolean | string[];

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      poolMax: number;
      statementTimeoutMs: number;
      connectRetryMs: number;
    };

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly redisUrl: string | null;
  readonly redisConnectRetryMs: number;
  readonly logLevel: LogLevel;
  readonly corsOrigins: readonly string[];
  readonly trustProxy: TrustProxy;
  readonly http: {
    readonly bodyLimitBytes: number;
    readonly rateLimitMax: number;
    readonly rateLimitWindowMs: number;
    readonly maxEventLoopDelayMs: number;
    readonly shutdownTimeoutMs: number;
  };
  readonly upstreams: {
    readonly ollamaUrl: string;
    readonly openaiBaseUrl: string | null;
    readonly openaiApiKey: string | null;
    readonly firstTokenTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly concurrency: number | null;
    readonly connectTimeoutMs: number;
    readonly listTimeoutMs: number;
    readonly totalTimeoutMs: number;
    readonly retries: number;
  };
  readonly websocket: {
    readonly maxConnectionsPerUser: number;
    readonly messagesPerMinute: number;
    readonly heartbeatMs: number;
  };
  /** Secrets given through the environment instead of generated files in the data dir. */
  readonly suppliedSecrets: {
    readonly masterKey: string | null;
    readonly metricsToken: string | null;
  };
  /**
   * Instance settings fixed by the environment, which the admin settings cannot change; null
   * leaves a setting to the admins.
   */
  readonly fixedSettings: {
    readonly registrationOpen: boolean | null;
    readonly instanceName: string | null;
    readonly defaultModel: string | null;
    readonly language: Language | null;
  };
}

/** A configuration that cannot be used; `problems` names each bad setting and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Defaults to the process environment. */
  env?: Record<string, string | undefined>;
  /** Where `.env` and relative paths are resolved; defaults to the working directory. */
  cwd?: string;
}

/**
 * Reads, validates and freezes the configuration. Values from the real environment win over
 * `.env`. Throws ConfigError listing every bad setting at once.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const raw = { ...readDotenv(cwd), ...definedOnly(options.env ?? process.env) };
  const env: Record<string, unknown> = Object.fromEntries(
    Object.keys(EnvSchema.properties).flatMap((name) =>
      raw[name] === undefined || raw[name] === '' ? [] : [[name, raw[name]]],
    ),
  );
  const valid = validateEnv(env); // converts types and fills defaults in place
  const problems = valid ? [] : (validateEnv.errors ?? []).map((e) => describeError(e, env));
  const settings = env as Env;
  const cors = parseCorsOrigins(settings.CORS_ORIGINS, problems);
  const trustProxy = parseTrustProxy(settings.TRUST_PROXY, problems);
  if (settings.ENCLAVE_MASTER_KEY !== undefined && !isBase64Key(settings.ENCLAVE_MASTER_KEY)) {
    problems.push(
      'ENCLAVE_MASTER_KEY must be 32 random bytes in base64 (generate one with `openssl rand -base64 32`).',
    );
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const dataDir = path.resolve(cwd, settings.ENCLAVE_DATA_DIR);
  return deepFreeze({
    nodeEnv: settings.NODE_ENV,
    isProduction: settings.NODE_ENV === 'production',
    host: settings.HOST,
    port: settings.PORT,
    dataDir,
    database: settings.DATABASE_URL
      ? {
          kind: 'postgres',
          url: settings.DATABASE_URL,
          poolMax: settings.DATABASE_POOL_MAX,
          statementTimeoutMs: settings.DATABASE_STATEMENT_TIMEOUT_MS,
          connectRetryMs: settings.DATABASE_CONNECT_RETRY_MS,
        }
      : { kind: 'sqlite', file: path.join(dataDir, 'enclave.db') },
    redisUrl: settings.REDIS_URL ?? null,
    redisConnectRetryMs: settings.REDIS_CONNECT_RETRY_MS,
    logLevel: settings.LOG_LEVEL,
    corsOrigins: cors,
    trustProxy,
    http: {
      bodyLimitBytes: settings.BODY_LIMIT_BYTES,
      rateLimitMax: settings.RATE_LIMIT_MAX,
      rateLimitWindowMs: settings.RATE_LIMIT_WINDOW_MS,
      maxEventLoopDelayMs: settings.MAX_EVENT_LOOP_DELAY_MS,
      shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    },
    upstreams: {
      ollamaUrl: settings.OLLAMA_URL,
      openaiBaseUrl: settings.OPENAI_BASE_URL ?? null,
      openaiApiKey: settings.OPENAI_API_KEY ?? null,
      firstTokenTimeoutMs: settings.UPSTREAM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: settings.UPSTREAM_IDLE_TIMEOUT_MS,
      concurrency: settings.UPSTREAM_CONCURRENCY ?? null,
      connectTimeoutMs: settings.UPSTREAM_CONNECT_TIMEOUT_MS,
      listTimeoutMs: settings.UPSTREAM_LIST_TIMEOUT_MS,
      totalTimeoutMs: settings.UPSTREAM_TOTAL_TIMEOUT_MS,
      retries: settings.UPSTREAM_RETRIES,
    },
    websocket: {
      maxConnectionsPerUser: settings.WS_MAX_CONNECTIONS_PER_USER,
      messagesPerMinute: settings.WS_MESSAGES_PER_MINUTE,
      heartbeatMs: settings.WS_HEARTBEAT_MS,
    },
    suppliedSecrets: {
      masterKey: settings.ENCLAVE_MASTER_KEY ?? null,
      metricsToken: settings.ENCLAVE_METRICS_TOKEN ?? null,
    },
    fixedSettings: {
      registrationOpen:
        settings.ENCLAVE_REGISTRATION_OPEN === undefined
          ? null
          : settings.ENCLAVE_REGISTRATION_OPEN === 'true',
      instanceName: settings.ENCLAVE_INSTANCE_NAME ?? null,
      defaultModel: settings.ENCLAVE_DEFAULT_MODEL ?? null,
      language: settings.ENCLAVE_LANGUAGE ?? null,
    },
  });
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {};
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const validateEnv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true }).compile(
  EnvSchema,
);

const SECRET_SETTINGS = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'OPENAI_API_KEY',
  'ENCLAVE_MASTER_KEY',
  'ENCLAVE_METRICS_TOKEN',
]);

function describeError(error: ErrorObject, env: Record<string, unknown>): string {
  const name = error.instancePath.replace(/^\//, '');
  const value = env[name];
  // A rejected secret is never echoed back, not even in a start-up error.
  const shown = SECRET_SETTINGS.has(name) ? '' : ` (got ${JSON.stringify(value)})`;
  const property = (EnvSchema.properties as Record<string, { enum?: unknown[] } | undefined>)[name];
  if (property?.enum) {
    return `${name} must be one of ${property.enum.join(', ')}${shown}.`;
  }
  return `${name} ${error.message ?? 'is not valid'}${shown}.`;
}

function parseCorsOrigins(value: string, problems: string[]): string[] {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  for (const origin of origins) {
    if (origin === '*') continue; // allowed in development only; production checks refuse it
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin) {
      problems.push(
        `CORS_ORIGINS entry ${JSON.stringify(origin)} is not an origin; write scheme://host[:port] with no path, e.g. https://chat.example.com.`,
      );
    }
  }
  return origins;
}

function parseTrustProxy(value: string, problems: string[]): TrustProxy {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') return true;
  const entries = trimmed.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk) {
      problems.push(
        `TRUST_PROXY entry ${JSON.stringify(entry)} is not an IP address or CIDR; use false, or a list such as 127.0.0.1,10.0.0.0/8.`,
      );
    }
  }
  return entries;
}

function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
