const CHECK_TIMEOUT_MS = 2000;
/**
 * Runs every probe at once, each bounded by a timeout, and reports each with its latency. The
 * cause of a failure goes to the log, not to the unauthenticated response.
 */
export async function checkReadiness(probes, logger) {
    const entries = await Promise.all(Object.entries(probes).map(async ([name, probe]) => [name, await timed(name, probe, logger)]));
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, check]) => check.status === 'ok');
    return { status: ok ? 'ok' : 'fail', checks };
}
async function timed(name, probe, logger) {
    const started = performance.now();
    let timer;
    try {
        await Promise.race([
            probe(),
            new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
            }),
        ]);
        return { status: 'ok', latencyMs: elapsed(started) };
    }
    catch (error) {
        logger.warn({ check: name, reason: error.message }, 'readiness check failed');
        return { status: 'fail', latencyMs: elapsed(started) };
    }
    finally {
        clearTimeout(timer);
    }
}
const elapsed = (started) => Math.round((performance.now() - started) * 100) / 100;
//# sourceMappingURL=readiness.js.map