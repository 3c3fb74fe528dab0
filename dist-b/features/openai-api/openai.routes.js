import { AppError } from '../../platform/http/errors.js';
import { createChatCompletion } from './chat-completions.js';
import { createEmbeddings } from './embeddings.js';
import { openAiErrorHandler, openAiNotFound } from './openai-errors.js';
import { ChatCompletion, ChatCompletionBody, EmbeddingList, EmbeddingsBody, ModelList, ModelObject, ModelParams, } from './openai.schema.js';
const tags = ['openai-compatible'];
const chatScope = { auth: { scope: 'chat' } };
/** Whose budget a call spends: its API key, or the user of an access token. */
function rateLimitKey(request) {
    const principal = request.principal;
    if (!principal)
        return `v1:ip:${request.ip}`;
    return principal.apiKeyId ? `v1:key:${principal.apiKeyId}` : `v1:user:${principal.userId}`;
}
/**
 * The OpenAI-compatible API under /v1, for existing clients and the official SDKs: models,
 * chat completions (whole or streamed) and embeddings, for API keys with the `chat` scope or
 * access tokens. Everything here, errors included, answers in OpenAI's wire format.
 */
export const openAiRoutes = async (app, options) => {
    await app.register(v1Routes, { ...options, prefix: '/v1' });
};
const v1Routes = async (app, { services, config, gateway }) => {
    const { db } = services;
    const startedAt = Math.floor(Date.now() / 1000);
    // This scope's handlers also catch what the guard and the global limit raise in onRequest.
    app.setErrorHandler(openAiErrorHandler);
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, openAiNotFound);
    // Besides the global per-address limit (onRequest), each key (or user, for access tokens)
    // has its own budget, counted once the guard has said who calls, across all /v1 routes.
    const perKeyLimit = app.createRateLimit({
        max: config.http.rateLimitMax,
        timeWindow: config.http.rateLimitWindowMs,
        keyGenerator: rateLimitKey,
    });
    app.addHook('preValidation', async (request, reply) => {
        if (!request.principal)
            return;
        const limit = await perKeyLimit(request);
        if (limit.isAllowed)
            return;
        reply.header('ratelimit-limit', limit.max);
        reply.header('ratelimit-remaining', limit.remaining);
        reply.header('ratelimit-reset', limit.ttlInSeconds);
        if (!limit.isExceeded)
            return;
        throw new AppError('rate_limited', `Too many requests for this key; retry in ${limit.ttlInSeconds} s.`, {
            headers: { 'retry-after': String(limit.ttlInSeconds) },
        });
    });
    const present = (model) => ({
        id: model.id,
        object: 'model',
        created: startedAt,
        owned_by: model.provider,
    });
    app.get('/models', {
        config: chatScope,
        schema: { tags, summary: 'Models of every upstream', response: { 200: ModelList } },
    }, async () => ({ object: 'list', data: (await gateway.listModels()).map(present) }));
    // A wildcard, since model ids may contain slashes.
    app.get('/models/*', {
        config: chatScope,
        schema: { tags, summary: 'One model', params: ModelParams, response: { 200: ModelObject } },
    }, async (request) => {
        const id = request.params['*'];
        const model = (await gateway.listModels()).find((m) => m.id === id);
        if (!model)
            throw new AppError('unknown_model', `The model '${id}' does not exist.`);
        return present(model);
    });
    app.post('/chat/completions', {
        config: chatScope,
        schema: {
            tags,
            summary: 'A chat completion, whole or streamed as server-sent events',
            body: ChatCompletionBody,
            response: { 200: ChatCompletion },
        },
    }, async (request, reply) => createChatCompletion({ gateway, db, request, reply, body: request.body }));
    app.post('/embeddings', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Embedding vectors of one or more texts',
            body: EmbeddingsBody,
            response: { 200: EmbeddingList },
        },
    }, async (request, reply) => createEmbeddings({ gateway, db, request, reply, body: request.body }));
};
//# sourceMappingURL=openai.routes.js.map