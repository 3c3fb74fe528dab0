/**
 * A generation event as clients see it: the SSE event name (`chat.<name>` on WebSocket) and
 * its data. Every event names its message and conversation; nothing internal (the owner,
 * routing topic) is sent.
 */
export function presentFollowEvent(event) {
    const about = { messageId: event.messageId, conversationId: event.conversationId };
    switch (event.type) {
        case 'queued':
            return { name: 'queued', data: { ...about, position: event.position } };
        case 'delta':
            return { name: 'delta', data: { ...about, delta: event.delta, offset: event.offset } };
        case 'done':
            return { name: 'done', data: { ...about, status: event.status, usage: event.usage } };
        case 'error':
            return {
                name: 'error',
                data: { ...about, status: event.status, code: event.code, message: event.message },
            };
    }
}
//# sourceMappingURL=follow-event.presenter.js.map