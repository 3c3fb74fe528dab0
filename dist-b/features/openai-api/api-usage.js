import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { UpstreamError } from '../models/upstream.types.js';
/**
 * Records one call through the OpenAI-compatible API. A failing insert is logged and
 * swallowed: the caller's answer must not depend on bookkeeping.
 */
export async function recordApiUsage(db, log, record) {
    try {
        await db
            .insertInto('api_usage')
            .values({
            id: newId(),
            at: new Date().toISOString(),
            user_id: record.principal.userId,
            api_key_id: record.principal.apiKeyId,
            endpoint: record.endpoint,
            model: record.model,
            outcome: record.outcome,
            prompt_tokens: record.usage?.promptTokens ?? null,
            completion_tokens: record.usage?.completionTokens ?? null,
        })
            .execute();
    }
    catch (error) {
        log.error({ err: error, endpoint: record.endpoint }, 'could not record API usage');
    }
}
/** The outcome recorded for a call that failed with `error`. */
export function outcomeOf(error, signal) {
    if (signal.aborted)
        return 'cancelled';
    if (error instanceof AppError || error instanceof UpstreamError)
        return error.code;
    return 'internal_error';
}
//# sourceMappingURL=api-usage.js.map