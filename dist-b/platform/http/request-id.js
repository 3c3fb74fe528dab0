import { randomUUID } from 'node:crypto';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
/**
 * Takes the caller's X-Request-Id when it is sane (so a reverse proxy's id follows the request
 * through our logs); anything else is replaced, so no client can inject text into log lines.
 */
export function requestIdFrom(request) {
    const header = request.headers['x-request-id'];
    return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
//# sourceMappingURL=request-id.js.map