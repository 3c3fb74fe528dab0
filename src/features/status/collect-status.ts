import type { Redis } from 'ioredis';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { VERSION } from '../../version.js';
import type { ModelGateway } from '../models/upstream.types.js';
import type { CheckOptions } from './check-options.js';
import { checkDisk } from './disk-check.js';
import { checkEventLoop } from './event-loop-check.js';
import { checkMemory } from './memory-check.js';
import { checkDatabase, checkRedis } from './ping-checks.js';
import { worst } from './status-levels.js';
import type { StatusCheck, StatusResponse } from './status.schema.js';
import { checkUpstreams } from './upstream-checks.js';

/** How long a database, Redis or disk check may take before it counts as red. */
const CHECK_TIMEOUT_MS = 2_000;
/** The upstreams: each listing is cut off at 2 s by the gateway; reading providers comes first. */
const UPSTREAM_TIMEOUT_MS = 3_000;

export interface StatusSources {
  database: DatabaseHandle;
  redis: Redis | null;
  gateway: ModelGateway;
  dataDir: string;
  /** The admission plugin's last event-loop delay sample, and the limit behind its 503s. */
  eventLoopDelayMs: number;
  maxEventLoopDelayMs: number;
  /** Where the cause of a failed check goes (the response only says that it failed). */
  log: (check: string, reason: string) => void;
}

/** Runs every check at once, each bounded in time, and rates the whole by the worst of them. */
export async function collectStatus(sources: StatusSources): Promise<StatusResponse> {
  const options: CheckOptions = { timeoutMs: CHECK_TIMEOUT_MS, log: sources.log };
  const [database, redis, upstreams, disk] = await Promise.all([
    checkDatabase(sources.database, options),
    sources.redis ? checkRedis(sources.redis, options) : null,
    checkUpstreams(sources.gateway, { ...options, timeoutMs: UPSTREAM_TIMEOUT_MS }),
    checkDisk(sources.dataDir, options),
  ]);
  const checks: StatusCheck[] = [
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
