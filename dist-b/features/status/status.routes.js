import { collectStatus } from './collect-status.js';
import { StatusResponse } from './status.schema.js';
/**
 * The admin status page's data. It answers while the instance is overloaded (it reports the
 * overload), and is kept out of the access log unless it fails: the page polls every 10 s.
 */
export const statusRoutes = async (app, { database, redis, gateway, config }) => {
    app.get('/api/admin/status', {
        config: { auth: { role: 'admin' }, backPressure: false, accessLog: false },
        schema: {
            tags: ['admin'],
            summary: 'Every dependency green, amber or red: database, Redis, upstreams and their breakers, disk, memory, event loop',
            response: { 200: StatusResponse },
        },
    }, async (request) => collectStatus({
        database,
        redis,
        gateway,
        dataDir: config.dataDir,
        eventLoopDelayMs: app.eventLoopDelayMs(),
        maxEventLoopDelayMs: config.http.maxEventLoopDelayMs,
        log: (check, reason) => request.log.warn({ check, reason }, 'status check failed'),
    }));
};
//# sourceMappingURL=status.routes.js.map