import pino, {} from 'pino';
import { scrubUrl } from './redact.js';
const INFO = 30;
/**
 * Writes the access-log line of a request that ended without an error, straight to the
 * logger's destination, in the JSON shape pino gives it (same fields, same order). At one line
 * per request, pino's general path (a child logger, serializers, the redaction walk of every
 * field) cost more than the rest of a small authenticated request. Every field here is known
 * and escaped, and the URL loses its secret query values as in every other line. Lines about
 * errors take the general path.
 */
export function accessLineWriter(logger) {
    const destination = logger[pino.symbols.streamSym];
    // The logger's bindings (`"service":"enclave"`), serialised once.
    const bindings = JSON.stringify(logger.bindings()).slice(1, -1);
    // Under load many lines share a millisecond, and formatting a date costs more than the rest.
    let timeMs = 0;
    let time = '';
    return (fields) => {
        if (logger.levelVal > INFO || !destination)
            return;
        const now = Date.now();
        if (now !== timeMs) {
            timeMs = now;
            time = new Date(now).toISOString();
        }
        destination.write(`{"level":"info","time":"${time}",${bindings},` +
            `"reqId":${JSON.stringify(fields.reqId)},` +
            `"req":{"method":${JSON.stringify(fields.method)},"url":${JSON.stringify(scrubUrl(fields.url))},` +
            `"hostname":${JSON.stringify(fields.hostname)}` +
            (fields.remoteAddress === undefined
                ? ''
                : `,"remoteAddress":${JSON.stringify(fields.remoteAddress)}`) +
            `},"res":{"statusCode":${fields.statusCode}},"responseTime":${fields.responseTime},` +
            `"msg":"request completed"}\n`);
    };
}
//# sourceMappingURL=access-line.js.map