import { bounded, roundMs } from './status-levels.js';
/** A database or Redis round trip slower than this is amber. */
export const SLOW_PING_MS = 500;
export const judgePing = (latencyMs) => latencyMs > SLOW_PING_MS ? 'amber' : 'green';
async function pingCheck(check, ping, options) {
    const { name, kind, label, extra } = check;
    return bounded(async () => {
        const started = performance.now();
        await ping();
        const latencyMs = roundMs(performance.now() - started);
        const status = judgePing(latencyMs);
        const slow = status === 'green' ? '' : ` (slow: over ${SLOW_PING_MS} ms)`;
        return {
            name,
            kind,
            status,
            summary: `${label} answers in ${latencyMs} ms${slow}`,
            details: { ...extra, latencyMs },
        };
    }, options.timeoutMs, (timedOut) => ({
        name,
        kind,
        status: 'red',
        summary: timedOut
            ? `${label} did not answer within ${options.timeoutMs} ms`
            : `${label} does not answer`,
        details: { ...extra, latencyMs: null },
    }), (reason) => options.log(name, reason));
}
/** The database answers a `select 1`, and how fast. */
export function checkDatabase(database, options) {
    const label = database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
    return pingCheck({ name: 'database', kind: 'database', label, extra: { dialect: database.dialect } }, () => database.ping(), options);
}
/** Redis answers a PING, and how fast. */
export function checkRedis(redis, options) {
    return pingCheck({ name: 'redis', kind: 'redis', label: 'Redis', extra: {} }, () => redis.ping(), options);
}
//# sourceMappingURL=ping-checks.js.map