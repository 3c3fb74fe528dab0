import { LogController } from 'fastify';
import { accessLineWriter } from '../logging/access-line.js';
/**
 * Sees every finished response once: writes its access-log line (method, URL without secret
 * query values, status, time) and records it in the request histogram, labelled by route
 * template, not raw URL, so ids and random paths do not explode the label set.
 *
 * Fastify hands every finished response to its log controller anyway, so doing both here
 * costs no hook run; two `onResponse` hooks cost a measurable share of a small request.
 * A route with `config: { accessLog: false }` is left out of the log when it succeeds: the
 * health routes are, since probes every few seconds would drown everything else. Fastify's
 * own "incoming request" line is dropped: one line per request is enough.
 */
export class ResponseObserver extends LogController {
    metrics;
    #writeAccessLine;
    constructor(metrics, logger) {
        super();
        this.metrics = metrics;
        this.#writeAccessLine = accessLineWriter(logger);
    }
    incomingRequest() { }
    requestCompleted(error, request, reply) {
        const { config } = request.routeOptions;
        const status = reply.statusCode;
        const elapsedMs = reply.elapsedTime;
        this.metrics.httpRequestDuration.observe(config, config.url ?? 'unmatched', request.method, status, elapsedMs / 1000);
        if (config.accessLog === false && status < 400 && !error)
            return;
        if (!error) {
            this.#writeAccessLine({
                reqId: request.id,
                method: request.method,
                url: request.url,
                hostname: request.hostname,
                remoteAddress: request.ip,
                statusCode: status,
                responseTime: elapsedMs,
            });
            return;
        }
        request.log.info({
            req: request,
            res: { statusCode: status },
            responseTime: elapsedMs,
            err: error,
        }, 'request completed');
    }
}
//# sourceMappingURL=response-observer.js.map