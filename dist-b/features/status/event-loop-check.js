import { roundMs } from './status-levels.js';
/** A mean event-loop delay above this is amber; above MAX_EVENT_LOOP_DELAY_MS, red. */
export const AMBER_EVENT_LOOP_DELAY_MS = 100;
export function judgeEventLoop(delayMs, redAboveMs) {
    if (delayMs > redAboveMs)
        return 'red';
    return delayMs > Math.min(AMBER_EVENT_LOOP_DELAY_MS, redAboveMs) ? 'amber' : 'green';
}
/**
 * The mean event-loop delay of the admission plugin's last sample (Infinity: blocked for the
 * whole sample). Red is where new requests get 503 `overloaded`.
 */
export function checkEventLoop(delayMs, redAboveMs) {
    const status = judgeEventLoop(delayMs, redAboveMs);
    const blocked = !Number.isFinite(delayMs);
    const shown = blocked ? null : roundMs(delayMs);
    const consequence = status === 'red' ? '; new requests are refused with 503' : '';
    return {
        name: 'eventLoop',
        kind: 'eventLoop',
        status,
        summary: blocked
            ? `the event loop was blocked for a whole sample${consequence}`
            : `mean delay ${shown} ms${consequence}`,
        details: {
            delayMs: shown,
            amberAboveMs: Math.min(AMBER_EVENT_LOOP_DELAY_MS, redAboveMs),
            redAboveMs,
        },
    };
}
//# sourceMappingURL=event-loop-check.js.map