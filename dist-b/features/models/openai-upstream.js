import OpenAI from 'openai';
import { endpointOf, LineSplitter, postForStream, upstreamFetch } from './upstream-http.js';
/**
 * An OpenAI-compatible upstream (vLLM, llama.cpp, LM Studio, OpenAI): model listing and
 * embeddings through the official client, the chat stream (SSE) straight over the provider's
 * pool, which costs a fraction of the client's `fetch` per call. The client's own retries are
 * off (ours run before the first token only) and every option it would read from the
 * environment is given explicitly.
 */
export function openaiUpstream(target, agent, totalTimeoutMs) {
    const client = new OpenAI({
        baseURL: target.baseUrl,
        // Local servers often need no key; the client insists on one, so send none at all.
        apiKey: target.apiKey ?? 'unused',
        ...(target.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
        adminAPIKey: null,
        organization: null,
        project: null,
        webhookSecret: null,
        maxRetries: 0,
        timeout: totalTimeoutMs,
        logLevel: 'off',
        fetch: upstreamFetch(agent),
    });
    const completions = endpointOf(target.baseUrl, '/chat/completions');
    const headers = {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
    };
    return {
        async listModels(signal) {
            const page = await client.models.list({ signal });
            return page.data.map((model) => model.id);
        },
        async streamChat({ model, messages, options }, signal) {
            const body = await postForStream(agent, completions, headers, {
                model,
                messages,
                stream: true,
                stream_options: { include_usage: true },
                ...(options?.temperature !== undefined ? { temperature: options.temperature } : {}),
                ...(options?.topP !== undefined ? { top_p: options.topP } : {}),
                ...(options?.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
                ...(options?.stop !== undefined ? { stop: options.stop } : {}),
            }, signal);
            return completionEvents(body);
        },
        async embed({ model, input }, signal) {
            const response = await client.embeddings.create({ model, input, encoding_format: 'float' }, { signal });
            const embeddings = [...response.data]
                .sort((a, b) => a.index - b.index)
                .map((item) => item.embedding);
            return {
                embeddings,
                usage: response.usage
                    ? { promptTokens: response.usage.prompt_tokens, completionTokens: 0 }
                    : null,
            };
        },
    };
}
/** The deltas of a chat completion stream, then its usage (when the server reported it). */
async function* completionEvents(body) {
    const lines = new LineSplitter();
    const reader = new CompletionReader();
    body.setEncoding('utf8');
    for await (const chunk of body) {
        for (const line of lines.push(chunk)) {
            const text = reader.line(line);
            if (text)
                yield { type: 'delta', text };
            if (reader.finished)
                break;
        }
        if (reader.finished)
            break;
    }
    if (!reader.finished) {
        // As the official client does, a stream that ends without `[DONE]` is complete.
        for (const line of [...lines.end(), '']) {
            const text = reader.line(line);
            if (text)
                yield { type: 'delta', text };
        }
    }
    yield { type: 'done', usage: reader.usage };
}
/**
 * Reads server-sent events line by line: `data:` lines make up an event, a blank line ends it.
 * Other fields (`event:`, `id:`, `retry:`) and comments carry nothing a chat stream needs.
 */
class CompletionReader {
    usage = null;
    /** `data: [DONE]` arrived. */
    finished = false;
    #data = [];
    /** The text of the chunk that `line` completes, if it has any. */
    line(line) {
        if (line === '')
            return this.#dispatch();
        if (line.startsWith('data:'))
            this.#data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        return null;
    }
    #dispatch() {
        if (this.#data.length === 0 || this.finished)
            return null;
        const data = this.#data.join('\n');
        this.#data = [];
        if (data.startsWith('[DONE]')) {
            this.finished = true;
            return null;
        }
        // Unreadable JSON throws, as it does in the official client: the answer broke.
        const chunk = JSON.parse(data);
        if (!chunk)
            return null;
        if (chunk.error)
            throw new Error(messageOf(chunk.error));
        if (chunk.usage) {
            this.usage = {
                promptTokens: Number(chunk.usage.prompt_tokens ?? 0),
                completionTokens: Number(chunk.usage.completion_tokens ?? 0),
            };
        }
        // Some compatible servers leave `delta` out of a final chunk.
        const text = chunk.choices?.[0]?.delta?.content;
        return typeof text === 'string' && text.length > 0 ? text : null;
    }
}
function messageOf(error) {
    const message = error.message;
    return typeof message === 'string' ? message : String(error);
}
//# sourceMappingURL=openai-upstream.js.map