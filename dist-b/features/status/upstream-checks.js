import { bounded } from './status-levels.js';
/** A model listing slower than this is amber (the listing itself is cut off at 2 s). */
export const SLOW_LISTING_MS = 1000;
/** How one provider stands: red when unusable, amber when degraded, else green. */
export function judgeUpstream(provider) {
    const lastError = provider.lastErrorCode ? ` (last error: ${provider.lastErrorCode})` : '';
    if (provider.breaker === 'open') {
        return { status: 'red', summary: `circuit open: calls are refused for now${lastError}` };
    }
    if (provider.models === null) {
        return { status: 'red', summary: `does not answer${lastError}` };
    }
    const timing = provider.latencyMs === null ? '' : ` in ${provider.latencyMs} ms`;
    if (provider.breaker === 'halfOpen') {
        return { status: 'amber', summary: `circuit half-open: trying the upstream again${lastError}` };
    }
    if (provider.latencyMs !== null && provider.latencyMs > SLOW_LISTING_MS) {
        return { status: 'amber', summary: `answers slowly${timing}` };
    }
    if (provider.models === 0) {
        return { status: 'amber', summary: `answers${timing} but offers no models` };
    }
    const models = provider.models === 1 ? '1 model' : `${provider.models} models`;
    return { status: 'green', summary: `${models}, listed${timing}` };
}
function present(provider) {
    const { status, summary } = judgeUpstream(provider);
    return {
        name: `upstream:${provider.id}`,
        kind: 'upstream',
        status,
        summary: `${provider.name}: ${summary}`,
        details: {
            providerId: provider.id,
            providerName: provider.name,
            providerKind: provider.kind,
            baseUrl: provider.baseUrl,
            breaker: provider.breaker,
            models: provider.models,
            latencyMs: provider.latencyMs,
            lastErrorCode: provider.lastErrorCode,
            lastErrorAt: provider.lastErrorAt,
        },
    };
}
/** One check per enabled provider; one red `upstreams` check if they cannot be read at all. */
export function checkUpstreams(gateway, options) {
    return bounded(async () => (await gateway.providerStatus()).map(present), options.timeoutMs, (timedOut) => [
        {
            name: 'upstreams',
            kind: 'upstream',
            status: 'red',
            summary: timedOut
                ? `the model providers did not answer within ${options.timeoutMs} ms`
                : 'the model providers cannot be read',
            details: {},
        },
    ], (reason) => options.log('upstreams', reason));
}
//# sourceMappingURL=upstream-checks.js.map