import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_MESSAGE_CHARS } from './messages.schema.js';
/** A client's own label for a request, echoed in the answer so it can match them up. */
const ClientRef = Type.Optional(Type.String({ maxLength: 100 }));
const Id = Type.String({ minLength: 1, maxLength: 64 });
export const AuthMessage = Type.Object({ type: Type.Literal('auth'), token: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
export const ClientMessage = Type.Union([
    Type.Object({
        type: Type.Literal('chat.send'),
        conversationId: Id,
        content: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }),
        model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        ref: ClientRef,
    }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('chat.cancel'), messageId: Id, ref: ClientRef }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('chat.follow'), messageId: Id, ref: ClientRef }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('ping'), ref: ClientRef }, { additionalProperties: false }),
]);
export const CLIENT_MESSAGE_TYPES = ['chat.send', 'chat.cancel', 'chat.follow', 'ping'];
export const checkAuthMessage = TypeCompiler.Compile(AuthMessage);
export const checkClientMessage = TypeCompiler.Compile(ClientMessage);
//# sourceMappingURL=chat-socket.schema.js.map