import { LiveResponse, ReadyResponse } from './health.schema.js';
import { checkReadiness } from './readiness.js';
/**
 * Exempt from rate limits and back-pressure: a load balancer must always get an answer. Probes
 * arrive every few seconds, so only failed ones reach the access log.
 */
const probeRoute = { rateLimit: false, accessLog: false, backPressure: false };
export const healthRoutes = async (app, options) => {
    app.get('/health/live', {
        config: probeRoute,
        schema: {
            tags: ['health'],
            summary: 'The process is serving requests',
            response: { 200: LiveResponse },
        },
    }, async () => ({ status: 'ok' }));
    app.get('/health/ready', {
        config: probeRoute,
        schema: {
            tags: ['health'],
            summary: 'Every dependency answers and the instance is not overloaded',
            response: { 200: ReadyResponse, 503: ReadyResponse },
        },
    }, async (request, reply) => {
        const result = await checkReadiness(options.probes, request.log);
        return reply.code(result.status === 'ok' ? 200 : 503).send(result);
    });
};
//# sourceMappingURL=health.routes.js.map