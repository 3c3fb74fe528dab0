import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
import { MESSAGE_ROLES, MessageSchema } from './message.presenter.js';
const closed = { additionalProperties: false };
/**
 * A string or null as one JSON Schema type list: with a union, Ajv's type coercion would turn
 * null into "" in the string branch before the null branch is tried.
 */
const nullableString = (options) => Type.Unsafe({ type: ['string', 'null'], ...options });
export const MAX_TITLE = 200;
export const MAX_MODEL = 200;
export const MAX_SYSTEM_PROMPT = 20_000;
const Title = Type.String({ minLength: 1, maxLength: MAX_TITLE });
const Model = Type.String({ minLength: 1, maxLength: MAX_MODEL });
const SystemPrompt = Type.String({ maxLength: MAX_SYSTEM_PROMPT });
export const ConversationSchema = Type.Object({
    id: Type.String(),
    title: Type.Union([Type.String(), Type.Null()], {
        description: 'null until the first message gives it one',
    }),
    model: Type.Union([Type.String(), Type.Null()]),
    systemPrompt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String({ description: 'last activity; the list is ordered by it' }),
}, { description: 'A conversation (without its messages)' });
/** The one shape a conversation leaves the server in. */
export function presentConversation(row) {
    return {
        id: row.id,
        title: row.title,
        model: row.model,
        systemPrompt: row.system_prompt,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}
export const CreateConversationBody = Type.Object({
    title: Type.Optional(Title),
    model: Type.Optional(Model),
    systemPrompt: Type.Optional(SystemPrompt),
}, closed);
export const UpdateConversationBody = Type.Object({
    title: Type.Optional(Title),
    model: Type.Optional(nullableString({ minLength: 1, maxLength: MAX_MODEL })),
    systemPrompt: Type.Optional(nullableString({ maxLength: MAX_SYSTEM_PROMPT })),
}, { ...closed, description: 'null clears the model or the system prompt' });
export const DEFAULT_PAGE_SIZE = 50;
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_PAGE_SIZE }));
const Cursor = Type.String({
    minLength: 1,
    maxLength: 512,
    description: 'opaque, from nextCursor',
});
export const ListQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, closed);
export const ConversationList = Type.Object({
    items: Type.Array(ConversationSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const MessagesWindowQuery = Type.Object({
    limit: Limit,
    before: Type.Optional(Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'a message id: only messages older than it',
    })),
}, closed);
export const ConversationWithMessages = Type.Object({
    ...ConversationSchema.properties,
    messages: Type.Array(MessageSchema, {
        description: 'the newest `limit` messages (older than `before`), oldest first',
    }),
    hasMore: Type.Boolean({ description: 'whether older messages exist' }),
    nextBefore: Type.Union([Type.String(), Type.Null()], {
        description: 'pass as `before` to fetch the next older messages; null when none are left',
    }),
});
export const SearchQuery = Type.Object({
    q: Type.String({ minLength: 1, maxLength: 500 }),
    limit: Limit,
    cursor: Type.Optional(Cursor),
}, closed);
export const SearchHit = Type.Object({
    conversationId: Type.String(),
    conversationTitle: Type.Union([Type.String(), Type.Null()]),
    messageId: Type.String(),
    role: StringEnum(MESSAGE_ROLES),
    snippet: Type.String({ description: 'plain text around the match' }),
    createdAt: Type.String(),
});
export const SearchResults = Type.Object({
    items: Type.Array(SearchHit),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const EXPORT_FORMATS = ['json', 'markdown'];
export const ExportQuery = Type.Object({ format: Type.Optional(StringEnum(EXPORT_FORMATS, { default: 'json' })) }, closed);
export const ConversationExport = Type.Object({
    conversation: ConversationSchema,
    messages: Type.Array(MessageSchema),
    exportedAt: Type.String(),
});
//# sourceMappingURL=conversations.schema.js.map