import OpenAI from 'openai';
import type { Agent } from 'undici';
import { upstreamFetch } from './upstream-http.js';
import type { UpstreamClient, UpstreamTarget } from './upstream-client.js';
import type { ChatStreamEvent, TokenUsage } from './upstream.types.js';

/**
 * An OpenAI-compatible upstream (vLLM, llama.cpp, LM Studio, OpenAI) through the official client.
 * Its own retries are off (ours run before the first token only) and every option it would read
 * from the environment is given explicitly.
 */
export function openaiUpstream(
  target: UpstreamTarget,
  agent: Agent,
  totalTimeoutMs: number,
): UpstreamClient {
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

  return {
    async listModels(signal) {
      const page = await client.models.list({ signal });
      return page.data.map((model) => model.id);
    },

    async streamChat({ model, messages, options }, signal) {
      const stream = await client.chat.completions.create(
        {
          model,
          messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(options?.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options?.topP !== undefined ? { top_p: options.topP } : {}),
          ...(options?.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
          ...(options?.stop !== undefined ? { stop: options.stop } : {}),
        },
        { signal },
      );
      return (async function* (): AsyncGenerator<ChatStreamEvent> {
        let usage: TokenUsage | null = null;
        for await (const chunk of stream) {
          // Some compatible servers leave `delta` out of a final chunk, whatever the types say.
          const text = chunk.choices[0]?.delta?.content;
          if (text) yield { type: 'delta', text };
          if (chunk.usage) {
            usage = {
              promptTokens: chunk.usage.prompt_tokens,
              completionTokens: chunk.usage.completion_tokens,
            };
          }
        }
        yield { type: 'done', usage };
      })();
    },

    async embed({ model, input }, signal) {
      const response = await client.embeddings.create(
        { model, input, encoding_format: 'float' },
        { signal },
      );
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
