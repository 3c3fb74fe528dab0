import { Ollama } from 'ollama';
import { endpointOf, LineSplitter, postForStream, upstreamFetch } from './upstream-http.js';
function samplingFor(options) {
    if (!options)
        return undefined;
    return {
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.topP !== undefined ? { top_p: options.topP } : {}),
        ...(options.maxTokens !== undefined ? { num_predict: options.maxTokens } : {}),
        ...(options.stop !== undefined ? { stop: options.stop } : {}),
    };
}
/**
 * An Ollama upstream: `/api/tags` and `/api/embed` through the official client, and the chat
 * stream (`/api/chat`, NDJSON) straight over the provider's pool, which costs a fraction of
 * the client's `fetch` per call.
 */
export function ollamaUpstream(target, agent) {
    // One client per call: the client takes no signal for most calls, so it goes into its fetch.
    const client = (signal) => new Ollama({
        host: target.baseUrl,
        fetch: upstreamFetch(agent, signal),
        ...(target.apiKey ? { headers: { Authorization: `Bearer ${target.apiKey}` } } : {}),
    });
    const chat = endpointOf(target.baseUrl, '/api/chat');
    const headers = {
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
        ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
    };
    return {
        async listModels(signal) {
            const { models } = await client(signal).list();
            return models.map((model) => model.name);
        },
        async streamChat({ model, messages, options }, signal) {
            const body = await postForStream(agent, chat, headers, { model, messages, stream: true, options: samplingFor(options) }, signal);
            return chatEvents(body);
        },
        async embed({ model, input }, signal) {
            const response = await client(signal).embed({ model, input });
            return {
                embeddings: response.embeddings,
                usage: typeof response.prompt_eval_count === 'number'
                    ? { promptTokens: response.prompt_eval_count, completionTokens: 0 }
                    : null,
            };
        },
    };
}
/** The deltas, then the final counts, of an Ollama chat stream (NDJSON). */
async function* chatEvents(body) {
    const lines = new LineSplitter();
    body.setEncoding('utf8');
    for await (const chunk of body) {
        for (const line of lines.push(chunk)) {
            for (const event of eventsOf(line)) {
                yield event;
                if (event.type === 'done')
                    return;
            }
        }
    }
    for (const line of lines.end()) {
        for (const event of eventsOf(line)) {
            yield event;
            if (event.type === 'done')
                return;
        }
    }
    // Ending without a final part is judged by the caller (the answer broke off).
}
/** What one line says: a delta, the end with its counts, both, or nothing (blank or unreadable). */
function eventsOf(line) {
    if (line === '')
        return [];
    let part;
    try {
        part = JSON.parse(line);
    }
    catch {
        return []; // as the official client does: an unreadable line is skipped
    }
    if (typeof part !== 'object' || part === null)
        return [];
    if (part.error !== undefined) {
        throw new Error(typeof part.error === 'string' ? part.error : JSON.stringify(part.error));
    }
    const events = [];
    // A final part may come without a message.
    const text = part.message?.content;
    if (typeof text === 'string' && text.length > 0)
        events.push({ type: 'delta', text });
    if (part.done) {
        events.push({
            type: 'done',
            usage: {
                promptTokens: countOf(part.prompt_eval_count),
                completionTokens: countOf(part.eval_count),
            },
        });
    }
    return events;
}
const countOf = (value) => (typeof value === 'number' ? value : 0);
//# sourceMappingURL=ollama-upstream.js.map