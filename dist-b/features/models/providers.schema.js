import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
import { scrubUrl } from '../../platform/logging/redact.js';
export const PROVIDER_KINDS = ['ollama', 'openai'];
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Kind = StringEnum(PROVIDER_KINDS, {
    description: '`ollama` (Ollama API) or `openai` (OpenAI-compatible API)',
});
const BaseUrl = Type.String({
    minLength: 8,
    maxLength: 2000,
    pattern: '^https?://[^\\s/?#]+[^\\s]*$',
    description: 'http(s) URL: the Ollama server, or the OpenAI-compatible API base (…/v1)',
});
const ApiKey = Type.String({ minLength: 1, maxLength: 4096, description: 'stored encrypted' });
const Concurrency = Type.Integer({
    minimum: 1,
    maximum: 1000,
    description: 'calls sent at once; the rest wait in the fair queue',
});
export const CreateProviderBody = Type.Object({
    name: Name,
    kind: Kind,
    baseUrl: BaseUrl,
    apiKey: Type.Optional(ApiKey),
    enabled: Type.Optional(Type.Boolean()),
    concurrency: Type.Optional(Concurrency),
}, { additionalProperties: false });
export const UpdateProviderBody = Type.Object({
    name: Type.Optional(Name),
    kind: Type.Optional(Kind),
    baseUrl: Type.Optional(BaseUrl),
    // Null first: with coercion on, Ajv would turn a null into '' trying the string branch.
    apiKey: Type.Optional(Type.Union([Type.Null(), ApiKey], { description: 'null removes it' })),
    enabled: Type.Optional(Type.Boolean()),
    concurrency: Type.Optional(Type.Union([Type.Null(), Concurrency], { description: 'null: the default' })),
}, { additionalProperties: false, minProperties: 1 });
export const ProviderView = Type.Object({
    id: Type.String(),
    name: Type.String(),
    kind: Kind,
    baseUrl: Type.String({ description: 'any password in it is masked' }),
    hasApiKey: Type.Boolean({ description: 'the key itself is never returned' }),
    enabled: Type.Boolean(),
    concurrency: Type.Integer({ description: 'calls at once, as in force' }),
    locked: Type.Boolean({ description: 'set by environment variables; read-only here' }),
    source: StringEnum(['environment', 'admin']),
    createdAt: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.Union([Type.String(), Type.Null()]),
}, { $id: 'Provider' });
export const ProviderList = Type.Object({
    items: Type.Array(ProviderView),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const ProviderTestResult = Type.Object({
    ok: Type.Boolean(),
    models: Type.Array(Type.String()),
    latencyMs: Type.Integer(),
    errorCode: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
});
/** The one shape a provider leaves the server in: never its key. */
export function presentProvider(provider) {
    return {
        id: provider.id,
        name: provider.name,
        kind: provider.kind,
        baseUrl: scrubUrl(provider.baseUrl),
        hasApiKey: provider.hasApiKey,
        enabled: provider.enabled,
        concurrency: provider.concurrency,
        locked: provider.source === 'environment',
        source: provider.source,
        createdAt: provider.createdAt,
        updatedAt: provider.updatedAt,
    };
}
//# sourceMappingURL=providers.schema.js.map