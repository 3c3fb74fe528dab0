import { monitorEventLoopDelay } from 'node:perf_hooks';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';
const RETRY_AFTER_SECONDS = 5;
const RESOLUTION_MS = 10;
const IDLE_SWEEP_MS = 50;
/**
 * Whether a new request is taken on, in one hook: it is refused with 503 and Retry-After
 * while the server shuts down, or while the event loop lags past the threshold.
 *
 * Back-pressure: an overloaded instance answers `overloaded` at once instead of queueing
 * requests behind the lag. Routes with `config: { backPressure: false }` (the health routes)
 * still answer, so they keep telling the truth. The lag is sampled as @fastify/under-pressure
 * samples it (the mean of a libuv delay histogram per interval); that plugin is not used
 * because its hook rebuilds `request.routeOptions` on every request to find a route's opt-out,
 * where this one looks at the route only when overloaded.
 *
 * Shutdown: a request arriving on a kept-alive connection gets `service_unavailable` as
 * problem+json (Fastify's own `return503OnClosing` answer is turned off because it is not),
 * with the `Connection: close` Fastify adds while closing. A request that was in flight when
 * closing began leaves its kept-alive connection open and idle once it finishes, and Node
 * closes idle connections only once, at the start of `close()`; the server would then wait
 * for the client to hang up until the shutdown timeout. So while closing, idle connections are
 * closed every few milliseconds, and so are connections that never sent a request (HTTP
 * clients open spare ones ahead of need; Node 20 does not count them as idle).
 */
export const admission = fp(async (app, options) => {
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    // The delay over the limit in the last sample, or null while within it. The sampler's own
    // lateness counts too: after a long block the histogram may not have ticked yet (an empty
    // sample), but the sampler knows how late it ran.
    let overloadMs = null;
    let lastDelayMs = 0;
    let lastSampleAt = 0;
    let sampler;
    // Sampling starts once the app is ready: compiling routes and opening connections block the
    // loop for a while on a slow machine, and that is start-up, not lag that the first requests
    // should be refused for.
    app.addHook('onReady', async () => {
        histogram.enable();
        lastSampleAt = performance.now();
        sampler = setInterval(() => {
            const now = performance.now();
            const lateMs = Math.max(0, now - lastSampleAt - options.sampleIntervalMs);
            lastSampleAt = now;
            const mean = histogram.mean / 1e6;
            const meanMs = Number.isNaN(mean) ? 0 : Math.max(0, mean - RESOLUTION_MS);
            const delayMs = Math.max(meanMs, lateMs);
            lastDelayMs = delayMs;
            overloadMs = delayMs > options.maxEventLoopDelayMs ? delayMs : null;
            histogram.reset();
        }, options.sampleIntervalMs);
        sampler.unref();
    });
    app.decorate('eventLoopOverload', () => overloadMs);
    app.decorate('eventLoopDelayMs', () => lastDelayMs);
    // Connections that have not sent a request yet.
    const unused = new Set();
    app.server.on('connection', (socket) => {
        unused.add(socket);
        socket.once('close', () => unused.delete(socket));
    });
    let closing = false;
    let idleSweeper;
    app.addHook('preClose', async () => {
        closing = true;
        idleSweeper = setInterval(() => {
            app.server.closeIdleConnections();
            for (const socket of unused)
                socket.destroy();
        }, IDLE_SWEEP_MS);
        idleSweeper.unref();
    });
    app.addHook('onClose', async () => {
        clearInterval(sampler);
        clearInterval(idleSweeper);
        histogram.disable();
    });
    if (false) app.addHook('onRequest', (request, reply, done) => {
        unused.delete(request.raw.socket);
        if (!closing && overloadMs === null)
            return done();
        if (closing) {
            reply.header('retry-after', String(RETRY_AFTER_SECONDS));
            return done(new AppError('service_unavailable', 'The server is shutting down; retry shortly.'));
        }
        if (request.routeOptions.config.backPressure === false)
            return done();
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        done(new AppError('overloaded', `The server is overloaded; retry in ${RETRY_AFTER_SECONDS} s.`));
    });
}, { name: 'admission' });
//# sourceMappingURL=admission.js.map