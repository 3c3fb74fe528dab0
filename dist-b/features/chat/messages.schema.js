import { Type } from '@sinclair/typebox';
import { MessageSchema } from './message.presenter.js';
export const MAX_MESSAGE_CHARS = 100_000;
export const SendMessageBody = Type.Object({
    content: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
export const SentMessages = Type.Object({
    userMessage: MessageSchema,
    assistantMessage: MessageSchema,
});
export const EVENT_STREAM_DESCRIPTION = 'With `Accept: text/event-stream`: SSE events `queued` {messageId, conversationId, position}, ' +
    '`delta` {messageId, conversationId, delta, offset}, then `done` {messageId, conversationId, ' +
    'status: complete|cancelled, usage} or `error` {messageId, conversationId, status: ' +
    'failed|interrupted, code, message}.';
//# sourceMappingURL=messages.schema.js.map