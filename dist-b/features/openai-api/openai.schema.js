import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
// Request bodies accept fields beyond the ones listed (clients of the OpenAI API send many
// optional ones); only the listed fields are validated and used.
/** An optional field a client may also send as `null` (several SDKs do). */
const optionalNullable = (schema) => Type.Optional(Type.Union([schema, Type.Null()]));
const TextPart = Type.Object({ type: Type.Literal('text'), text: Type.String() });
export const MESSAGE_ROLES = ['system', 'developer', 'user', 'assistant'];
const ChatMessage = Type.Object({
    role: StringEnum(MESSAGE_ROLES, { description: '`developer` is treated as `system`' }),
    // The array first: with the app's `coerceTypes: 'array'`, Ajv trying `string` first would
    // unwrap a one-part array and then fail the array branch.
    content: Type.Union([Type.Array(TextPart, { maxItems: 1000 }), Type.String()], {
        description: 'text, or an array of text parts (other part types are not supported)',
    }),
});
export const ChatCompletionBody = Type.Object({
    model: Type.String({ minLength: 1, maxLength: 200 }),
    messages: Type.Array(ChatMessage, { minItems: 1, maxItems: 10_000 }),
    stream: optionalNullable(Type.Boolean()),
    stream_options: optionalNullable(Type.Object({ include_usage: Type.Optional(Type.Boolean()) })),
    temperature: optionalNullable(Type.Number({ minimum: 0, maximum: 2 })),
    top_p: optionalNullable(Type.Number({ minimum: 0, maximum: 1 })),
    max_tokens: optionalNullable(Type.Integer({ minimum: 1 })),
    max_completion_tokens: optionalNullable(Type.Integer({ minimum: 1 })),
    stop: optionalNullable(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 4 })], {
        description: 'up to 4 sequences',
    })),
    n: optionalNullable(Type.Integer({ minimum: 1, maximum: 128, description: 'only 1' })),
    user: Type.Optional(Type.String({ maxLength: 256 })),
});
export const EmbeddingsBody = Type.Object({
    model: Type.String({ minLength: 1, maxLength: 200 }),
    input: Type.Union([
        Type.String({ minLength: 1 }),
        Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 2048 }),
    ], { description: 'one text or up to 2048 texts (token arrays are not supported)' }),
    encoding_format: Type.Optional(StringEnum(['float', 'base64'])),
    dimensions: Type.Optional(Type.Integer({ minimum: 1 })),
    user: Type.Optional(Type.String({ maxLength: 256 })),
});
export const ModelParams = Type.Object({
    '*': Type.String({ minLength: 1, maxLength: 200, description: 'a model id' }),
});
export const ModelObject = Type.Object({
    id: Type.String(),
    object: Type.Literal('model'),
    created: Type.Integer(),
    owned_by: Type.String({ description: 'the provider id' }),
});
export const ModelList = Type.Object({
    object: Type.Literal('list'),
    data: Type.Array(ModelObject),
});
const Usage = Type.Object({
    prompt_tokens: Type.Integer(),
    completion_tokens: Type.Integer(),
    total_tokens: Type.Integer(),
});
export const ChatCompletion = Type.Object({
    id: Type.String(),
    object: Type.Literal('chat.completion'),
    created: Type.Integer(),
    model: Type.String(),
    choices: Type.Array(Type.Object({
        index: Type.Integer(),
        message: Type.Object({ role: Type.Literal('assistant'), content: Type.String() }),
        finish_reason: Type.String(),
        logprobs: Type.Null(),
    })),
    usage: Usage,
});
export const EmbeddingList = Type.Object({
    object: Type.Literal('list'),
    data: Type.Array(Type.Object({
        object: Type.Literal('embedding'),
        index: Type.Integer(),
        embedding: Type.Union([Type.Array(Type.Number()), Type.String()], {
            description: 'floats, or base64 of little-endian float32 with `encoding_format: base64`',
        }),
    })),
    model: Type.String(),
    usage: Type.Object({ prompt_tokens: Type.Integer(), total_tokens: Type.Integer() }),
});
/** Every error under /v1, as OpenAI's API and SDKs shape it. */
export const OpenAiErrorSchema = Type.Object({
    error: Type.Object({
        message: Type.String(),
        type: Type.String(),
        param: Type.Union([Type.String(), Type.Null()]),
        code: Type.Union([Type.String(), Type.Null()]),
    }),
});
//# sourceMappingURL=openai.schema.js.map