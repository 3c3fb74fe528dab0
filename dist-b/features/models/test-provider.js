import { untilAborted } from './resilient-call.js';
import { openUpstreamConnection } from './upstream-client.js';
import { UpstreamTimeout, classifyFailure } from './upstream-failure.js';
/**
 * Asks a provider for its models now, bypassing the gateway's cache, queue and breaker, with a
 * connection of its own that is closed afterwards. Never throws for an upstream failure: the
 * answer says what went wrong, in the same codes chat calls fail with.
 */
export async function testProvider(props) {
    const connection = openUpstreamConnection(props.target, {
        connectTimeoutMs: props.connectTimeoutMs,
        totalTimeoutMs: props.timeoutMs,
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new UpstreamTimeout('first_token')), props.timeoutMs);
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
        const models = await untilAborted(connection.client.listModels(controller.signal), controller.signal);
        return { ok: true, models, latencyMs: latencyMs() };
    }
    catch (error) {
        const cause = controller.signal.aborted ? controller.signal.reason : error;
        const failure = classifyFailure(cause, false);
        const message = cause instanceof UpstreamTimeout ? 'The upstream did not answer in time.' : failure.message;
        return {
            ok: false,
            models: [],
            latencyMs: latencyMs(),
            errorCode: failure.code,
            error: message,
        };
    }
    finally {
        clearTimeout(timer);
        if (!controller.signal.aborted)
            controller.abort();
        await connection.destroy();
    }
}
//# sourceMappingURL=test-provider.js.map