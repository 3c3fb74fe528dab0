import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { ProblemSchema } from './errors.js';
import { pageHeaders } from './security.js';
/**
 * OpenAPI 3.1 generated from the route schemas, at `/api/openapi.json`, with Swagger UI at
 * `/api/docs`. Registered before the routes so it sees them all. In development both are open;
 * in production the spec is for admins (a token or an API key with the admin scope) and the UI
 * is not served, since a browser cannot send a bearer token to a page it navigates to.
 */
export const openApi = fp(async (app, options) => {
    app.addSchema(ProblemSchema);
    await app.register(swagger, {
        openapi: {
            openapi: '3.1.0',
            info: {
                title: 'Enclave API',
                version: options.version,
                description: 'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.',
            },
            components: {
                securitySchemes: {
                    bearer: { type: 'http', scheme: 'bearer', description: 'Access token or API key' },
                },
            },
        },
        refResolver: {
            buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`,
        },
    });
    app.get('/api/openapi.json', {
        schema: { hide: true },
        config: { auth: options.openDocs ? false : { role: 'admin' } },
    }, async () => app.swagger());
    if (!options.openDocs)
        return;
    // Open, like the spec, in development only (the auth guard is told so).
    // A page, so in a context of its own with the page headers (the UI's scripts are files).
    await app.register(async (docs) => {
        const headers = pageHeaders();
        docs.addHook('onRequest', (_request, reply, done) => {
            reply.headers(headers);
            done();
        });
        await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
    });
}, { name: 'openapi' });
//# sourceMappingURL=openapi.js.map