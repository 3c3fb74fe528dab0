import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, {} from 'fastify';
import { adminUserRoutes } from './features/admin/admin-users.routes.js';
import { adminSettingsRoutes } from './features/admin/settings.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { registerRoutes } from './features/auth/register.routes.js';
import { apiKeyRoutes } from './features/api-keys/api-keys.routes.js';
import { apiKeyResolver } from './features/api-keys/api-keys.js';
import { openAccountServices } from './features/auth/account-services.js';
import { authGuard } from './features/auth/auth-guard.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { mfaRoutes } from './features/auth/mfa.routes.js';
import { chatSocket } from './features/chat/chat-socket.js';
import { openChatServices } from './features/chat/chat-services.js';
import { conversationRoutes } from './features/chat/conversations.routes.js';
import { messageRoutes } from './features/chat/messages.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { createModelGateway } from './features/models/model-gateway.js';
import { modelRoutes } from './features/models/models.routes.js';
import { providerRoutes } from './features/models/providers.routes.js';
import { openAiRoutes } from './features/openai-api/openai.routes.js';
import { setupRoutes } from './features/setup/setup.routes.js';
import { statusRoutes } from './features/status/status.routes.js';
import { admission } from './platform/http/admission.js';
import { errorHandler } from './platform/http/error-handler.js';
import { openApi } from './platform/http/openapi.js';
import { globalRateLimit } from './platform/http/rate-limit.js';
import { requestIdFrom } from './platform/http/request-id.js';
import { ResponseObserver } from './platform/http/response-observer.js';
import { pageHeaders, securityHeaders } from './platform/http/security.js';
import { sharedSerializerBuilder, sharedValidatorBuilder, } from './platform/http/schema-compilers.js';
import { withDeferredRequestLoggers } from './platform/logging/request-logger.js';
import { createMetrics, metricsPlugin } from './platform/metrics/metrics.js';
import { newId } from './platform/ids.js';
import { VERSION } from './version.js';
/**
 * Builds the whole application, ready for `listen()` or `inject()`: platform plugins first
 * (errors, security, limits, metrics, docs), then every feature.
 */
export async function buildApp(deps) {
    const { config } = deps;
    const metrics = createMetrics();
    const app = Fastify({
        loggerInstance: withDeferredRequestLoggers(deps.logger),
        trustProxy: config.trustProxy,
        bodyLimit: config.http.bodyLimitBytes,
        requestIdHeader: false,
        return503OnClosing: false, // answered as problem+json by admission
        logController: new ResponseObserver(metrics, deps.logger), // access log and request histogram
        genReqId: requestIdFrom,
        // Unknown fields are rejected, not stripped; every bad field is reported at once (the body
        // limit bounds what allErrors can cost).
        ajv: {
            customOptions: {
                removeAdditional: false,
                coerceTypes: 'array',
                useDefaults: true,
                allErrors: true,
            },
        },
        schemaController: {
            compilersFactory: {
                buildValidator: sharedValidatorBuilder,
                buildSerializer: sharedSerializerBuilder,
            },
        },
    }).withTypeProvider();
    await app.register(errorHandler);
    // Security headers and the request id go on first, so every later answer carries them.
    await app.register(securityHeaders, { corsOrigins: config.corsOrigins });
    await app.register(admission, {
        maxEventLoopDelayMs: config.http.maxEventLoopDelayMs,
        sampleIntervalMs: deps.pressureSampleIntervalMs ?? 1000,
    });
    await app.register(globalRateLimit, {
        max: config.http.rateLimitMax,
        windowMs: config.http.rateLimitWindowMs,
        redis: deps.redis,
        redisPrefix: `${deps.redisPrefix ?? 'enclave'}:rate-limit:`,
    });
    await app.register(metricsPlugin, {
        metrics,
        metricsToken: deps.secrets.metricsToken,
    });
    const { database, redis } = deps;
    const services = await openAccountServices({
        db: database.db,
        tableWrites: database.tableWrites,
        secrets: deps.secrets,
        redis,
        redisPrefix: deps.redisPrefix ?? 'enclave',
        logger: deps.logger,
    });
    app.addHook('onClose', () => services.revoked.close());
    await app.register(authGuard, {
        tokens: services.tokens,
        revoked: services.revoked,
        resolveApiKey: apiKeyResolver(services),
        publicPrefixes: config.isProduction ? [] : ['/api/docs'],
    });
    // After the guard, so the spec can be admin-only in production.
    await app.register(openApi, { version: VERSION, openDocs: !config.isProduction });
    await app.register(healthRoutes, {
        probes: {
            database: () => database.ping(),
            ...(redis ? { redis: async () => void (await redis.ping()) } : {}),
            eventLoop: async () => {
                const delayMs = app.eventLoopOverload();
                if (delayMs !== null)
                    throw new Error(`event loop delay ${Math.round(delayMs)} ms`);
            },
        },
    });
    await app.register(setupRoutes, {
        services,
        dataDir: config.dataDir,
        fixedSettings: config.fixedSettings,
    });
    await app.register(authRoutes, { services });
    await app.register(mfaRoutes, { services });
    await app.register(apiKeyRoutes, { services });
    await app.register(registerRoutes, { services, config });
    await app.register(adminUserRoutes, { services });
    await app.register(adminSettingsRoutes, { services, config });
    await app.register(auditRoutes, { services });
    const gateway = createModelGateway({
        db: database.db,
        config,
        secrets: deps.secrets,
        logger: deps.logger,
    });
    const chatServices = await openChatServices({
        db: database.db,
        gateway,
        redis,
        redisPrefix: deps.redisPrefix ?? 'enclave',
        logger: deps.logger,
        instanceId: newId(),
        streamingTextWrites: deps.streamingTextWrites,
    });
    // Before the server waits for open requests: generations stop (interrupted, their text
    // kept) and event streams end, so shutdown does not wait on them.
    app.addHook('preClose', () => chatServices.close());
    app.addHook('onClose', () => gateway.close());
    const chat = { services, config, gateway, chat: chatServices };
    await app.register(modelRoutes, chat);
    await app.register(providerRoutes, chat);
    await app.register(statusRoutes, { database, redis, gateway, config });
    await app.register(conversationRoutes, chat);
    await app.register(messageRoutes, chat);
    await app.register(chatSocket, chat);
    await app.register(openAiRoutes, chat);
    const { webRoot } = deps;
    if (webRoot && existsSync(webRoot)) {
        // In a context of its own, so its headers replace those of API answers for the web UI's
        // files only: the page headers, and a cache policy (the build's assets carry a content hash
        // in their names and never change; everything else, index.html, is revalidated). API paths
        // reach this context's catch-all only to be answered 404, as API answers.
        await app.register(async (web) => {
            const headers = pageHeaders();
            web.addHook('onRequest', (request, reply, done) => {
                if (NOT_APP_PAGES.test(request.url))
                    return done();
                reply.headers(headers);
                const immutable = request.url.startsWith('/assets/');
                reply.header('cache-control', immutable ? IMMUTABLE_ASSET : 'no-cache');
                done();
            });
            await web.register(fastifyStatic, { root: webRoot, wildcard: false, cacheControl: false });
            // The app routes in the browser (/chat/123, /settings/…): a page request for any other
            // path gets index.html; anything else, and every API path, the usual 404.
            web.get('/*', { schema: { hide: true } }, (request, reply) => wantsAppPage(request.url, request.headers.accept)
                ? reply.sendFile('index.html')
                : reply.callNotFound());
        });
    }
    return app;
}
const IMMUTABLE_ASSET = 'public, max-age=31536000, immutable';
const NOT_APP_PAGES = /^\/(api|v1|health|metrics)(\/|\?|$)/;
/** A browser navigation (it accepts HTML) to a path that is not the API's. */
function wantsAppPage(url, accept) {
    return accept !== undefined && accept.includes('text/html') && !NOT_APP_PAGES.test(url);
}
//# sourceMappingURL=app.js.map