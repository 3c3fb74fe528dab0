import { startEventStreamResponse } from '../../platform/http/event-stream-response.js';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../platform/http/errors.js';
import { principalOf } from '../auth/auth-guard.js';
import { outcomeOf, recordApiUsage } from './api-usage.js';
import { abortOnDisconnect, hangUp } from './disconnect.js';
import { openAiErrorOf } from './openai-errors.js';
function turnOf(message) {
    const content = typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => part.text).join('\n');
    return { role: message.role === 'developer' ? 'system' : message.role, content };
}
function samplingOf(body) {
    const options = {};
    if (typeof body.temperature === 'number')
        options.temperature = body.temperature;
    if (typeof body.top_p === 'number')
        options.topP = body.top_p;
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    if (typeof maxTokens === 'number')
        options.maxTokens = maxTokens;
    const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
    if (stop && stop.length > 0)
        options.stop = stop;
    return options;
}
const usageOf = (usage) => ({
    prompt_tokens: usage?.promptTokens ?? 0,
    completion_tokens: usage?.completionTokens ?? 0,
    total_tokens: (usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0),
});
function presentCompletion(meta, content, usage) {
    return {
        ...meta,
        object: 'chat.completion',
        choices: [
            {
                index: 0,
                message: { role: 'assistant', content },
                finish_reason: 'stop',
                logprobs: null,
            },
        ],
        usage: usageOf(usage),
    };
}
/**
 * `POST /v1/chat/completions`: one reply from the model gateway, whole or streamed. The HTTP
 * status is decided by the first event, so a model that fails before it starts answering gets
 * a proper error status; once streaming, a failure ends the stream with an error frame. The
 * call is given up when the client disconnects, and recorded in `api_usage` however it ends.
 */
export async function createChatCompletion({ gateway, db, request, reply, body, }) {
    if (typeof body.n === 'number' && body.n !== 1) {
        throw new AppError('bad_request', 'Only n = 1 is supported.', { extra: { param: 'n' } });
    }
    const principal = principalOf(request);
    const signal = abortOnDisconnect(reply);
    const record = (outcome, usage) => recordApiUsage(db, request.log, {
        principal,
        endpoint: 'chat.completions',
        model: body.model,
        outcome,
        usage,
    });
    const meta = {
        id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
        created: Math.floor(Date.now() / 1000),
        model: body.model,
    };
    let events;
    let first;
    try {
        const stream = gateway.streamChat({
            model: body.model,
            messages: body.messages.map(turnOf),
            userId: principal.userId,
            signal,
            options: samplingOf(body),
        });
        events = stream[Symbol.asyncIterator]();
        first = await events.next();
    }
    catch (error) {
        await record(outcomeOf(error, signal), null);
        if (signal.aborted)
            return hangUp(reply);
        throw error;
    }
    if (body.stream === true) {
        const includeUsage = body.stream_options?.include_usage === true;
        await streamCompletion({ reply, events, first, meta, includeUsage, signal, record });
        return reply;
    }
    let content = '';
    let usage = null;
    try {
        for (let next = first; !next.done; next = await events.next()) {
            if (next.value.type === 'delta')
                content += next.value.text;
            else
                usage = next.value.usage;
        }
    }
    catch (error) {
        await record(outcomeOf(error, signal), usage);
        if (signal.aborted)
            return hangUp(reply);
        throw error;
    }
    if (signal.aborted) {
        await record('cancelled', usage);
        return hangUp(reply);
    }
    await record('success', usage);
    return presentCompletion(meta, content, usage);
}
/** Writes one SSE frame, waiting while the client is slower than the model. */
function writeFrame(raw, data) {
    if (raw.destroyed || raw.writableEnded)
        return Promise.resolve();
    const frame = `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
    if (raw.write(frame))
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            raw.off('drain', done);
            raw.off('close', done);
            resolve();
        };
        raw.on('drain', done);
        raw.on('close', done);
    });
}
/**
 * The SSE answer, frame for frame as OpenAI sends it: a role chunk, content chunks, a chunk
 * with `finish_reason`, a usage chunk (with `stream_options.include_usage`), then `[DONE]`.
 */
async function streamCompletion(props) {
    const { reply, events, meta, includeUsage, signal } = props;
    const { raw } = reply;
    const chunk = (choices, usage = null, final = false) => ({
        ...meta,
        object: 'chat.completion.chunk',
        choices: choices.map((choice) => ({ index: 0, ...choice, logprobs: null })),
        ...(includeUsage ? { usage: final ? usageOf(usage) : null } : {}),
    });
    startEventStreamResponse(reply);
    await writeFrame(raw, chunk([{ delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    let usage = null;
    let failure = null;
    try {
        for (let next = props.first; !next.done; next = await events.next()) {
            if (signal.aborted)
                break;
            if (next.value.type === 'done') {
                usage = next.value.usage;
            }
            else if (next.value.text.length > 0) {
                await writeFrame(raw, chunk([{ delta: { content: next.value.text }, finish_reason: null }]));
            }
        }
    }
    catch (error) {
        failure = error;
    }
    if (signal.aborted) {
        // Leaving the loop early: the gateway's generator must still run its cleanup.
        await events.return?.().catch(() => undefined);
        await props.record('cancelled', usage);
        raw.destroy();
        return;
    }
    if (failure !== null) {
        const { body } = openAiErrorOf(failure);
        if (body.error.type === 'api_error')
            reply.log.warn({ err: failure }, 'stream failed');
        await props.record(outcomeOf(failure, signal), usage);
        await writeFrame(raw, body);
        raw.end();
        return;
    }
    await writeFrame(raw, chunk([{ delta: {}, finish_reason: 'stop' }]));
    if (includeUsage)
        await writeFrame(raw, chunk([], usage, true));
    await props.record('success', usage);
    await writeFrame(raw, '[DONE]');
    raw.end();
}
//# sourceMappingURL=chat-completions.js.map