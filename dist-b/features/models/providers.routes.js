import { AppError } from '../../platform/http/errors.js';
import { IdParams } from '../auth/auth.schema.js';
import { principalOf } from '../auth/auth-guard.js';
import { createProvider, deleteProvider, listProviderViews, updateProvider, } from './manage-providers.js';
import { environmentProviders, storedProvider } from './providers.js';
import { findProviderRow } from './providers.queries.js';
import { CreateProviderBody, ProviderList, ProviderTestResult, ProviderView, UpdateProviderBody, } from './providers.schema.js';
import { testProvider } from './test-provider.js';
const tags = ['admin'];
const adminOnly = { auth: { role: 'admin' } };
const TEST_TIMEOUT_MS = 10_000;
/**
 * Model providers for admins. Those from the environment are listed locked and cannot be
 * changed here (the environment always wins); stored ones can be added, tested, edited,
 * disabled and removed. API keys are stored encrypted and never returned.
 */
export const providerRoutes = async (app, { services, config, gateway }) => {
    const deps = { db: services.db, config, masterKeys: services.masterKeys };
    app.get('/api/admin/providers', {
        config: adminOnly,
        schema: { tags, summary: 'Model providers', response: { 200: ProviderList } },
    }, async () => ({ items: await listProviderViews(deps), nextCursor: null }));
    app.post('/api/admin/providers', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Add a model provider',
            body: CreateProviderBody,
            response: { 201: ProviderView },
        },
    }, async (request, reply) => {
        const view = await createProvider({
            ...deps,
            actor: principalOf(request),
            input: request.body,
            request,
        });
        await gateway.refresh();
        return reply.code(201).send(view);
    });
    app.patch('/api/admin/providers/:id', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Change, disable (enabled: false) or remove the key of (apiKey: null) a provider',
            params: IdParams,
            body: UpdateProviderBody,
            response: { 200: ProviderView },
        },
    }, async (request) => {
        const view = await updateProvider({
            ...deps,
            actor: principalOf(request),
            id: request.params.id,
            changes: request.body,
            request,
        });
        await gateway.refresh();
        return view;
    });
    app.post('/api/admin/providers/:id/test', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Ask a provider for its models now; reports a failure instead of failing',
            params: IdParams,
            response: { 200: ProviderTestResult },
        },
    }, async (request) => {
        const { id } = request.params;
        const fromEnv = environmentProviders(config).find((provider) => provider.id === id);
        const row = fromEnv ? undefined : await findProviderRow(services.db, id);
        const provider = fromEnv ?? (row && storedProvider(row, config, services.masterKeys));
        if (!provider)
            throw new AppError('not_found', 'No such provider.');
        if (provider.apiKey === undefined) {
            return {
                ok: false,
                models: [],
                latencyMs: 0,
                errorCode: 'bad_request',
                error: 'The stored API key cannot be decrypted; set it again.',
            };
        }
        return testProvider({
            target: { kind: provider.kind, baseUrl: provider.baseUrl, apiKey: provider.apiKey },
            connectTimeoutMs: config.upstreams.connectTimeoutMs,
            timeoutMs: TEST_TIMEOUT_MS,
        });
    });
    app.delete('/api/admin/providers/:id', {
        config: adminOnly,
        schema: { tags, summary: 'Remove a provider', params: IdParams },
    }, async (request, reply) => {
        await deleteProvider({
            db: services.db,
            actor: principalOf(request),
            id: request.params.id,
            request,
        });
        await gateway.refresh();
        return reply.code(204).send();
    });
};
//# sourceMappingURL=providers.routes.js.map