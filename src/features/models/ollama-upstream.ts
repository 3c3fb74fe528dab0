import { Ollama, type Options as OllamaOptions } from 'ollama';
import type { Agent } from 'undici';
import { upstreamFetch } from './upstream-http.js';
import type { UpstreamClient, UpstreamTarget } from './upstream-client.js';
import type { ChatStreamEvent, SamplingOptions } from './upstream.types.js';

function samplingFor(options: SamplingOptions | undefined): Partial<OllamaOptions> | undefined {
  if (!options) return undefined;
  return {
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
    ...(options.maxTokens !== undefined ? { num_predict: options.maxTokens } : {}),
    ...(options.stop !== undefined ? { stop: options.stop } : {}),
  };
}

/** An Ollama upstream through the official client (`/api/tags`, `/api/chat`, `/api/embed`). */
export function ollamaUpstream(target: UpstreamTarget, agent: Agent): UpstreamClient {
  // One client per call: the client takes no signal for most calls, so it goes into its fetch.
  const client = (signal: AbortSignal) =>
    new Ollama({
      host: target.baseUrl,
      fetch: upstreamFetch(agent, signal),
      ...(target.apiKey ? { headers: { Authorization: `Bearer ${target.apiKey}` } } : {}),
    });

  return {
    async listModels(signal) {
      const { models } = await client(signal).list();
      return models.map((model) => model.name);
    },

    async streamChat({ model, messages, options }, signal) {
      const parts = await client(signal).chat({
        model,
        messages,
        stream: true,
        options: samplingFor(options),
      });
      return (async function* (): AsyncGenerator<ChatStreamEvent> {
        for await (const part of parts) {
          // A final part may come without a message, whatever the types say.
          const text = (part.message as { content?: string } | undefined)?.content;
          if (text) yield { type: 'delta', text };
          if (part.done) {
            yield {
              type: 'done',
              usage: {
                promptTokens: part.prompt_eval_count ?? 0,
                completionTokens: part.eval_count ?? 0,
              },
            };
            return;
          }
        }
      })();
    },

    async embed({ model, input }, signal) {
      const response = await client(signal).embed({ model, input });
      return {
        embeddings: response.embeddings,
        usage:
          typeof response.prompt_eval_count === 'number'
            ? { promptTokens: response.prompt_eval_count, completionTokens: 0 }
            : null,
      };
    },
  };
}
