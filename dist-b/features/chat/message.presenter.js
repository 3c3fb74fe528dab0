import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
export const MESSAGE_ROLES = ['user', 'assistant'];
export const MESSAGE_STATUSES = [
    'queued',
    'streaming',
    'complete',
    'cancelled',
    'failed',
    'interrupted',
];
export const UsageSchema = Type.Object({
    promptTokens: Type.Integer(),
    completionTokens: Type.Integer(),
});
export const MessageSchema = Type.Object({
    id: Type.String(),
    conversationId: Type.String(),
    role: StringEnum(MESSAGE_ROLES),
    content: Type.String(),
    status: StringEnum(MESSAGE_STATUSES),
    model: Type.Union([Type.String(), Type.Null()]),
    errorCode: Type.Optional(Type.String()),
    usage: Type.Optional(UsageSchema),
    createdAt: Type.String(),
    updatedAt: Type.String(),
}, 
// No $id: a response may hold several messages (a user's and the assistant's), and
// fast-json-stringify refuses one $id resolving to several schemas.
{ description: 'A chat message' });
/**
 * The one shape a message leaves the server in, over HTTP and WebSocket alike: `errorCode` only
 * when set, `usage` only when the upstream reported both token counts.
 */
export function presentMessage(row) {
    return {
        id: row.id,
        conversationId: row.conversation_id,
        role: row.role,
        content: row.content,
        status: row.status,
        model: row.model,
        ...(row.error_code !== null ? { errorCode: row.error_code } : {}),
        ...(row.prompt_tokens !== null && row.completion_tokens !== null
            ? { usage: { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens } }
            : {}),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}
//# sourceMappingURL=message.presenter.js.map