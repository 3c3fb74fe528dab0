import { VERSION } from '../../version.js';
import { checkDisk } from './disk-check.js';
import { checkEventLoop } from './event-loop-check.js';
import { checkMemory } from './memory-check.js';
import { checkDatabase, checkRedis } from './ping-checks.js';
import { worst } from './status-levels.js';
import { checkUpstreams } from './upstream-checks.js';
/** How long a database, Redis or disk check may take before it counts as red. */
const CHECK_TIMEOUT_MS = 2_000;
/** The upstreams: each listing is cut off at 2 s by the gateway; reading providers comes first. */
const UPSTREAM_TIMEOUT_MS = 3_000;
/** Runs every check at once, each bounded in time, and rates the whole by the worst of them. */
export async function collectStatus(sources) {
    const options = { timeoutMs: CHECK_TIMEOUT_MS, log: sources.log };
    const [database, redis, upstreams, disk] = await Promise.all([
        checkDatabase(sources.database, options),
        sources.redis ? checkRedis(sources.redis, options) : null,
        checkUpstreams(sources.gateway, { ...options, timeoutMs: UPSTREAM_TIMEOUT_MS }),
        checkDisk(sources.dataDir, options),
    ]);
    const checks = [
        database,
        ...(redis ? [redis] : []),
        ...upstreams,
        disk,
        checkMemory(),
        checkEventLoop(sources.eventLoopDelayMs, sources.maxEventLoopDelayMs),
    ];
    return {
        status: worst(checks.map((check) => check.status)),
        checkedAt: new Date().toISOString(),
        version: VERSION,
        uptimeSeconds: Math.floor(process.uptime()),
        checks,
    };
}
//# sourceMappingURL=collect-status.js.map