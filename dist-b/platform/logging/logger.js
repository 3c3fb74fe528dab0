import pino, {} from 'pino';
import { batchedDestination } from './batched-destination.js';
import { scrub, scrubString, scrubUrl } from './redact.js';
/**
 * The one logger: JSON lines, with secrets removed by field name at any depth (authorization
 * and cookie headers included), credentials removed from URLs and messages, and request URLs
 * logged without secret query values. Requests are logged without their headers. Lines go to
 * standard output unless a destination is given, a turn of the event loop's lines at a time.
 */
export function createLogger(level, destination) {
    return pino({
        level,
        base: { service: 'enclave' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
            level: (label) => ({ level: label }),
            log: (object) => scrub(object),
        },
        serializers: {
            // The serialized error has pino's own prototype; copy it so scrub() walks it.
            err: (error) => scrub({ ...pino.stdSerializers.err(error) }),
            req: (request) => ({
                method: request.method,
                url: request.url === undefined ? undefined : scrubUrl(request.url),
                hostname: request.hostname,
                remoteAddress: request.ip ?? request.socket?.remoteAddress,
            }),
        },
        hooks: {
            logMethod(args, method) {
                const cleaned = args.map((arg) => typeof arg === 'string' ? scrubString(arg) : arg);
                method.apply(this, cleaned);
            },
        },
    }, destination ?? standardOutput());
}
let sharedStandardOutput;
/**
 * Standard output, shared by every logger of the process: their lines go out in one batch per
 * turn and in the order they were logged, and one exit hook writes what is left.
 */
function standardOutput() {
    return (sharedStandardOutput ??= batchedDestination(pino.destination({ dest: 1, sync: true })));
}
//# sourceMappingURL=logger.js.map