/**
 * A signal that aborts when the client goes away before its answer is complete, so the
 * upstream call (or its place in the queue) is given up. Unlike `request.signal`, it keeps
 * working after `reply.hijack()`.
 */
export function abortOnDisconnect(reply) {
    const controller = new AbortController();
    const { raw } = reply;
    raw.once('close', () => {
        if (!raw.writableFinished)
            controller.abort(new Error('the client disconnected'));
    });
    return controller.signal;
}
/** Ends a request whose client has gone: nothing is left to send. */
export function hangUp(reply) {
    reply.hijack();
    reply.raw.destroy();
    return reply;
}
//# sourceMappingURL=disconnect.js.map