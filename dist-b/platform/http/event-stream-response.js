/**
 * Takes a reply over to write a server-sent event stream by hand and sends its head. Headers
 * set by earlier hooks (security headers, request id, rate limits) are applied by Fastify only
 * to replies it sends itself, so they are copied onto the stream's head.
 */
export function startEventStreamResponse(reply) {
    reply.hijack();
    const headers = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined)
            headers[name] = value;
    }
    const raw = reply.raw;
    raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no', // a buffering reverse proxy (nginx) would hold events back
    });
    raw.flushHeaders();
    return raw;
}
//# sourceMappingURL=event-stream-response.js.map