import { openSecret } from '../../platform/crypto/secret-box.js';
import { listProviderRows } from './providers.queries.js';
/** Generations sent to one upstream at once when nothing else is set. */
export const DEFAULT_CONCURRENCY = { ollama: 1, openai: 8 };
/** The environment variables behind the providers that come from the environment. */
export const PROVIDER_ENV = {
    ollama: 'OLLAMA_URL',
    openai: 'OPENAI_BASE_URL and OPENAI_API_KEY',
};
/**
 * The providers the environment configures, with ids `ollama` and `openai`: Ollama always
 * (OLLAMA_URL has a default), an OpenAI-compatible one when OPENAI_BASE_URL is set.
 */
export function environmentProviders(config) {
    const { upstreams } = config;
    const env = (id, name, baseUrl, apiKey) => ({
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
        providers.push(env('openai', 'OpenAI-compatible', upstreams.openaiBaseUrl, upstreams.openaiApiKey));
    }
    return providers;
}
/** True for the ids of providers from the environment, which the admin API cannot change. */
export function isEnvironmentProviderId(id) {
    return id === 'ollama' || id === 'openai';
}
/**
 * A stored provider's settings in force: its own concurrency, else UPSTREAM_CONCURRENCY, else
 * the kind's default. A key that no longer decrypts (lost master key) becomes `undefined`.
 */
export function storedProvider(row, config, masterKeys) {
    let apiKey = null;
    if (row.api_key_sealed !== null) {
        try {
            apiKey = openSecret(masterKeys, row.api_key_sealed);
        }
        catch {
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
export async function loadProviders(deps) {
    const stored = [];
    for (const row of await listProviderRows(deps.db)) {
        const provider = storedProvider(row, deps.config, deps.secrets.masterKeys);
        if (provider.apiKey === undefined) {
            deps.logger.warn({ provider: row.id }, 'provider API key cannot be decrypted (master key changed?); provider skipped');
            continue;
        }
        stored.push({ ...provider, apiKey: provider.apiKey });
    }
    return [...environmentProviders(deps.config), ...stored];
}
//# sourceMappingURL=providers.js.map