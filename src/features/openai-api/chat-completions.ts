import { startEventStreamResponse } from '../../platform/http/event-stream-response.js';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { principalOf } from '../auth/auth-guard.js';
import type {
  ChatStreamEvent,
  ChatTurn,
  ModelGateway,
  SamplingOptions,
  TokenUsage,
} from '../models/upstream.types.js';
import { outcomeOf, recordApiUsage } from './api-usage.js';
import { abortOnDisconnect, hangUp } from './disconnect.js';
import { openAiErrorOf } from './openai-errors.js';
import type { ChatCompletion, ChatCompletionBody, ChatMessage } from './openai.schema.js';

interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

type Events = AsyncIterator<ChatStreamEvent>;

function turnOf(message: ChatMessage): ChatTurn {
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part) => part.text).join('\n');
  return { role: message.role === 'developer' ? 'system' : message.role, content };
}

function samplingOf(body: ChatCompletionBody): SamplingOptions {
  const options: SamplingOptions = {};
  if (typeof body.temperature === 'number') options.temperature = body.temperature;
  if (typeof body.top_p === 'number') options.topP = body.top_p;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') options.maxTokens = maxTokens;
  const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (stop && stop.length > 0) options.stop = stop;
  return options;
}

const usageOf = (usage: TokenUsage | null) => ({
  prompt_tokens: usage?.promptTokens ?? 0,
  completion_tokens: usage?.completionTokens ?? 0,
  total_tokens: (usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0),
});

function presentCompletion(
  meta: CompletionMeta,
  content: string,
  usage: TokenUsage | null,
): ChatCompletion {
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

interface ChatCompletionProps {
  gateway: ModelGateway;
  db: Kysely<Database>;
  request: FastifyRequest;
  reply: FastifyReply;
  body: ChatCompletionBody;
}

/**
 * `POST /v1/chat/completions`: one reply from the model gateway, whole or streamed. The HTTP
 * status is decided by the first event, so a model that fails before it starts answering gets
 * a proper error status; once streaming, a failure ends the stream with an error frame. The
 * call is given up when the client disconnects, and recorded in `api_usage` however it ends.
 */
export async function createChatCompletion({
  gateway,
  db,
  request,
  reply,
  body,
}: ChatCompletionProps): Promise<ChatCompletion | FastifyReply> {
  if (typeof body.n === 'number' && body.n !== 1) {
    throw new AppError('bad_request', 'Only n = 1 is supported.', { extra: { param: 'n' } });
  }
  const principal = principalOf(request);
  const signal = abortOnDisconnect(reply);
  const record = (outcome: string, usage: TokenUsage | null) =>
    recordApiUsage(db, request.log, {
      principal,
      endpoint: 'chat.completions',
      model: body.model,
      outcome,
      usage,
    });
  const meta: CompletionMeta = {
    id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };

  let events: Events;
  let first: IteratorResult<ChatStreamEvent>;
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
  } catch (error) {
    await record(outcomeOf(error, signal), null);
    if (signal.aborted) return hangUp(reply);
    throw error;
  }

  if (body.stream === true) {
    const includeUsage = body.stream_options?.include_usage === true;
    await streamCompletion({ reply, events, first, meta, includeUsage, signal, record });
    return reply;
  }

  let content = '';
  let usage: TokenUsage | null = null;
  try {
    for (let next = first; !next.done; next = await events.next()) {
      if (next.value.type === 'delta') content += next.value.text;
      else usage = next.value.usage;
    }
  } catch (error) {
    await record(outcomeOf(error, signal), usage);
    if (signal.aborted) return hangUp(reply);
    throw error;
  }
  if (signal.aborted) {
    await record('cancelled', usage);
    return hangUp(reply);
  }
  await record('success', usage);
  return presentCompletion(meta, content, usage);
}

interface StreamProps {
  reply: FastifyReply;
  events: Events;
  first: IteratorResult<ChatStreamEvent>;
  meta: CompletionMeta;
  includeUsage: boolean;
  signal: AbortSignal;
  record: (outcome: string, usage: TokenUsage | null) => Promise<void>;
}

/** Writes one SSE frame, waiting while the client is slower than the model. */
function writeFrame(raw: ServerResponse, data: unknown): Promise<void> {
  if (raw.destroyed || raw.writableEnded) return Promise.resolve();
  const frame = `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
  if (raw.write(frame)) return Promise.resolve();
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
async function streamCompletion(props: StreamProps): Promise<void> {
  const { reply, events, meta, includeUsage, signal } = props;
  const { raw } = reply;
  const chunk = (
    choices: { delta: Record<string, string>; finish_reason: string | null }[],
    usage: TokenUsage | null = null,
    final = false,
  ) => ({
    ...meta,
    object: 'chat.completion.chunk',
    choices: choices.map((choice) => ({ index: 0, ...choice, logprobs: null })),
    ...(includeUsage ? { usage: final ? usageOf(usage) : null } : {}),
  });

  startEventStreamResponse(reply);
  await writeFrame(
    raw,
    chunk([{ delta: { role: 'assistant', content: '' }, finish_reason: null }]),
  );

  let usage: TokenUsage | null = null;
  let failure: unknown = null;
  try {
    for (let next = props.first; !next.done; next = await events.next()) {
      if (signal.aborted) break;
      if (next.value.type === 'done') {
        usage = next.value.usage;
      } else if (next.value.text.length > 0) {
        await writeFrame(
          raw,
          chunk([{ delta: { content: next.value.text }, finish_reason: null }]),
        );
      }
    }
  } catch (error) {
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
    if (body.error.type === 'api_error') reply.log.warn({ err: failure }, 'stream failed');
    await props.record(outcomeOf(failure, signal), usage);
    await writeFrame(raw, body);
    raw.end();
    return;
  }
  await writeFrame(raw, chunk([{ delta: {}, finish_reason: 'stop' }]));
  if (includeUsage) await writeFrame(raw, chunk([], usage, true));
  await props.record('success', usage);
  await writeFrame(raw, '[DONE]');
  raw.end();
}
