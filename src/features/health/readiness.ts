import type { FastifyBaseLogger } from 'fastify';
import type { CheckResult, ReadyResponse } from './health.schema.js';

export type Probe = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2000;

/**
 * Runs every probe at once, each bounded by a timeout, and reports each with its latency. The
 * cause of a failure goes to the log, not to the unauthenticated response.
 */
export async function checkReadiness(
  probes: Record<string, Probe>,
  logger: FastifyBaseLogger,
): Promise<ReadyResponse> {
  const entries = await Promise.all(
    Object.entries(probes).map(
      async ([name, probe]) => [name, await timed(name, probe, logger)] as const,
    ),
  );
  const checks = Object.fromEntries(entries);
  const ok = entries.every(([, check]) => check.status === 'ok');
  return { status: ok ? 'ok' : 'fail', checks };
}

async function timed(name: string, probe: Probe, logger: FastifyBaseLogger): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'ok', latencyMs: elapsed(started) };
  } catch (error) {
    logger.warn({ check: name, reason: (error as Error).message }, 'readiness check failed');
    return { status: 'fail', latencyMs: elapsed(started) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
