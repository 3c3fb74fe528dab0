import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { LiveResponse, ReadyResponse } from './health.schema.js';
import { checkReadiness, type Probe } from './readiness.js';

export interface HealthOptions {
  probes: Record<string, Probe>;
}

/**
 * Exempt from rate limits and back-pressure: a load balancer must always get an answer. Probes
 * arrive every few seconds, so only failed ones reach the access log.
 */
const probeRoute = { rateLimit: false, accessLog: false, backPressure: false } as const;

/**
 * The liveness answer, serialized once. It is the most frequent request a server gets, and
 * sending it as text skips the promise of an async handler and the serializer: ~3 % of the
 * request's CPU (bench/http.bench.ts). The schema above still documents it.
 */
const LIVE_BODY = JSON.stringify({ status: 'ok' } satisfies Static<typeof LiveResponse>);

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  app.get(
    '/health/live',
    {
      config: probeRoute,
      schema: {
        tags: ['health'],
        summary: 'The process is serving requests',
        response: { 200: LiveResponse },
      },
    },
    (_request, reply) => {
      // Already the schema's JSON: the type provider types `send` with the object it stands for.
      void reply.type('application/json; charset=utf-8').send(LIVE_BODY as never);
    },
  );

  app.get(
    '/health/ready',
    {
      config: probeRoute,
      schema: {
        tags: ['health'],
        summary: 'Every dependency answers and the instance is not overloaded',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (request, reply) => {
      const result = await checkReadiness(options.probes, request.log);
      return reply.code(result.status === 'ok' ? 200 : 503).send(result);
    },
  );
};
