import { AppError } from '../../platform/http/errors.js';
import { principalOf } from '../auth/auth-guard.js';
import { outcomeOf, recordApiUsage } from './api-usage.js';
import { abortOnDisconnect, hangUp } from './disconnect.js';
/** A vector as OpenAI's `encoding_format: 'base64'` sends it: little-endian float32 bytes. */
export function toBase64Float32(vector) {
    const bytes = Buffer.alloc(vector.length * 4);
    vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
    return bytes.toString('base64');
}
/**
 * `POST /v1/embeddings`: one vector per input, as floats or base64 (the official SDK asks for
 * base64 unless told otherwise). Vectors are not shortened: `dimensions` must match the model.
 */
export async function createEmbeddings({ gateway, db, request, reply, body, }) {
    const principal = principalOf(request);
    const signal = abortOnDisconnect(reply);
    const record = (outcome, usage) => recordApiUsage(db, request.log, {
        principal,
        endpoint: 'embeddings',
        model: body.model,
        outcome,
        usage,
    });
    let result;
    try {
        result = await gateway.embed({
            model: body.model,
            input: typeof body.input === 'string' ? [body.input] : body.input,
            userId: principal.userId,
            signal,
        });
    }
    catch (error) {
        await record(outcomeOf(error, signal), null);
        if (signal.aborted)
            return hangUp(reply);
        throw error;
    }
    const { embeddings, usage } = result;
    const size = embeddings[0]?.length;
    if (body.dimensions !== undefined && size !== undefined && size !== body.dimensions) {
        await record('bad_request', usage);
        throw new AppError('bad_request', `This model returns ${size} dimensions.`, {
            extra: { param: 'dimensions' },
        });
    }
    await record('success', usage);
    const base64 = body.encoding_format === 'base64';
    const promptTokens = usage?.promptTokens ?? 0;
    return {
        object: 'list',
        data: embeddings.map((vector, index) => ({
            object: 'embedding',
            index,
            embedding: base64 ? toBase64Float32(vector) : vector,
        })),
        model: body.model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    };
}
//# sourceMappingURL=embeddings.js.map