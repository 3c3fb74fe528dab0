import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Secrets } from '../../config/secrets.js';
import { openSecret } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/schema.js';
import type { Logger } from '../../platform/logging/logger.js';
import { listProviderRows, type ProviderRow } from './providers.queries.js';
import type { ProviderKind } from './upstream-client.js';

/** Generations sent to one upstream at once when nothing else is set. */
export const DEFAULT_CONCURRENCY: Record<ProviderKind, number> = { ollama: 1, openai: 8 };

/** The environment variables behind the providers that come from the environment. */
export const PROVIDER_ENV: Record<'ollama' | 'openai', string> = {
  ollama: 'OLLAMA_URL',
  openai: 'OPENAI_BASE_URL and OPENAI_API_KEY',
};

/** A provider as the gateway uses it: settings in force, the API key decrypted. */
export interface Provider {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Never leaves the server. */
  apiKey: string | null;
  enabled: boolean;
  /** Calls at once, as in force. */
  concurrency: number;
  source: 'environment' | 'admin';
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * The providers the environment configures, with ids `ollama` and `openai`: Ollama always
 * (OLLAMA_URL has a default), an OpenAI-compatible one when OPENAI_BASE_URL is set.
 */
export function environmentProviders(config: Config): Provider[] {
  const { upstreams } = config;
  const env = (
    id: ProviderKind,
    name: string,
    baseUrl: string,
    apiKey: string | null,
  ): Provider => ({
    id,
    name,
    kind: id,
    baseUrl,
    apiKey,
    enabled: true,
    concurrency: upstreams.concurrency ?? DEFAULT_CONCURRENCY[id],
    source: 'environment',
    createdAt: null,
    updatedAt: null,
  });
  const providers = [env('ollama', 'Ollama', upstreams.ollamaUrl, null)];
  if (upstreams.openaiBaseUrl) {
    providers.push(
      env('openai', 'OpenAI-compatible', upstreams.openaiBaseUrl, upstreams.openaiApiKey),
    );
  }
  return providers;
}

/** True for the ids of providers from the environment, which the admin API cannot change. */
export function isEnvironmentProviderId(id: string): id is 'ollama' | 'openai' {
  return id === 'ollama' || id === 'openai';
}

/**
 * A stored provider's settings in force: its own concurrency, else UPSTREAM_CONCURRENCY, else
 * the kind's default. A key that no longer decrypts (lost master key) becomes `undefined`.
 */
export function storedProvider(
  row: ProviderRow,
  config: Config,
  masterKeys: Secrets['masterKeys'],
): Omit<Provider, 'apiKey'> & { apiKey: string | null | undefined } {
  let apiKey: string | null | undefined = null;
  if (row.api_key_sealed !== null) {
    try {
      apiKey = openSecret(masterKeys, row.api_key_sealed);
    } catch {
      apiKey = undefined;
    }
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.base_url,
    apiKey,
    enabled: row.enabled === 1,
    concurrency: row.concurrency ?? config.upstreams.concurrency ?? DEFAULT_CONCURRENCY[row.kind],
    source: 'admin',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Every provider in merge order: those from the environment first, then stored ones by
 * creation. A stored provider whose key cannot be decrypted is left out, with a warning.
 */
export async function loadProviders(deps: {
  db: Kysely<Database>;
  config: Config;
  secrets: Secrets;
  logger: Logger;
}): Promise<Provider[]> {
  const stored: Provider[] = [];
  for (const row of await listProviderRows(deps.db)) {
    const provider = storedProvider(row, deps.config, deps.secrets.masterKeys);
    if (provider.apiKey === undefined) {
      deps.logger.warn(
        { provider: row.id },
        'provider API key cannot be decrypted (master key changed?); provider skipped',
      );
      continue;
    }
    stored.push({ ...provider, apiKey: provider.apiKey });
  }
  return [...environmentProviders(deps.config), ...stored];
}
