import { LEVELS } from './status.schema.js';
/** The worst of some levels (green when there are none). */
export function worst(levels) {
    return levels.reduce((acc, level) => (LEVELS.indexOf(level) > LEVELS.indexOf(acc) ? level : acc), 'green');
}
const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;
export const BYTES = { MIB, GIB };
/** `1.4 GiB`, `512 MiB`: for summaries. */
export function formatBytes(bytes) {
    if (bytes >= GIB)
        return `${(bytes / GIB).toFixed(1)} GiB`;
    if (bytes >= MIB)
        return `${Math.round(bytes / MIB)} MiB`;
    return `${Math.round(bytes / KIB)} KiB`;
}
export const roundMs = (ms) => Math.round(ms * 10) / 10;
export const percent = (part, whole) => whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
/**
 * Runs one check, turning a throw or an answer later than `timeoutMs` into the result of
 * `onFailure`; the cause goes to `log`, not to the response.
 */
export async function bounded(run, timeoutMs, onFailure, log) {
    let timedOut = false;
    let timer;
    try {
        return await Promise.race([
            run(),
            new Promise((_, reject) => {
                timer = setTimeout(() => {
                    timedOut = true;
                    reject(new Error(`no answer within ${timeoutMs} ms`));
                }, timeoutMs);
            }),
        ]);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log(reason);
        return onFailure(timedOut);
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=status-levels.js.map