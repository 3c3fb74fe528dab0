import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A protocol-faithful stand-in for an Ollama server and its OpenAI-compatible API (`/v1`), with
 * knobs for the ways a real upstream misbehaves. Plain `node:http`, so a benchmark can hold
 * hundreds of streams open against it.
 */

/**
 * How the simulator answers; every field is optional and merged over the defaults. Chat requests
 * honour every knob; embedding requests honour failStatus, hang, firstTokenDelayMs (as the whole
 * delay) and dropAfterTokens: 0. Model listings and /api/version ignore the script.
 */
export interface SimulatorScript {
  /** Reply tokens: an explicit list, or a count of generated tokens ("tok0 ", "tok1 ", …). Default: echoes the last user message as words, prefixed "Echo: ". */
  tokens?: string[] | number;
  /** Delay between tokens (default 0). */
  tokenDelayMs?: number;
  /** Delay before the first token (after response headers are sent for streams) (default 0). */
  firstTokenDelayMs?: number;
  /** Answer with this HTTP status (e.g. 500) instead of a reply, with the protocol's error body; `failTimes` limits how many requests fail (default: all). Applies to chat and embedding requests, not to model listings. */
  failStatus?: number;
  failTimes?: number;
  /** 'headers': accept the request and never answer; 'stream': send headers and some tokens (hangAfterTokens, default 0) then go silent forever. */
  hang?: 'headers' | 'stream';
  hangAfterTokens?: number;
  /** Destroy the socket after this many tokens, mid-stream, without a final chunk. */
  dropAfterTokens?: number;
  /** Usage to report (default: prompt = number of words in all messages, completion = tokens sent). */
  usage?: { promptTokens?: number; completionTokens?: number };
}

/** One request as the simulator received it (`body` is parsed JSON, the raw text when it is not JSON, or undefined). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A running simulator. */
export interface UpstreamSimulator {
  /** http://127.0.0.1:<port> — the Ollama base URL. */
  readonly url: string;
  /** `${url}/v1` — the OpenAI-compatible base URL. */
  readonly openaiBaseUrl: string;
  readonly port: number;
  /** Merge into the global script (applies to requests that start afterwards); a key set to `undefined` clears that knob. Resets the failTimes count. */
  setScript(script: SimulatorScript): void;
  /** Per-model override merged over the global script. */
  setModelScript(model: string, script: SimulatorScript): void;
  /** Scripts back to the start options, recorded requests cleared. */
  reset(): void;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Streams currently open (headers sent and not finished, dropped or aborted). */
  readonly activeStreams: number;
  /** Stop listening so new connections are refused (ECONNREFUSED), keeping the port; `resume` listens on the same port again. Open sockets are destroyed. */
  refuseConnections(): Promise<void>;
  resume(): Promise<void>;
  /** Stops listening and destroys open sockets (hung requests do not keep the process alive). */
  close(): Promise<void>;
}

/** Start options. */
export interface SimulatorOptions {
  /** Default 0 (random). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default ['sim-small', 'sim-large']. */
  models?: string[];
  /** When set, OpenAI endpoints require `Authorization: Bearer <apiKey>` (401 in OpenAI's error shape otherwise). */
  apiKey?: string;
  script?: SimulatorScript;
  /** Default 8. */
  embeddingDimensions?: number;
}

type Protocol = 'ollama' | 'openai';
type FinishReason = 'stop' | 'length';
interface Usage {
  prompt: number;
  completion: number;
}
interface Reply {
  tokens: string[];
  promptTokens: number;
  finish: FinishReason;
}
/** How one protocol frames a chat reply on the wire. */
interface ChatWire {
  streamContentType: string;
  open(): string;
  token(text: string): string;
  close(usage: Usage, finish: FinishReason): string;
  whole(content: string, usage: Usage, finish: FinishReason): unknown;
}
interface Exchange {
  res: ServerResponse;
  script: SimulatorScript;
}

const OLLAMA_VERSION = '0.12.6';
const NS_PER_MS = 1_000_000;

/** Starts a simulator listening on `options.port` (random by default). */
export async function startUpstreamSimulator(
  options: SimulatorOptions = {},
): Promise<UpstreamSimulator> {
  const host = options.host ?? '127.0.0.1';
  const models = options.models ?? ['sim-small', 'sim-large'];
  const dimensions = options.embeddingDimensions ?? 8;
  const startedAt = new Date();

  let globalScript: SimulatorScript = { ...options.script };
  const modelScripts = new Map<string, SimulatorScript>();
  const failures = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cancels = new Set<() => void>();
  let activeStreams = 0;

  function scriptFor(model: string): { script: SimulatorScript; failKey: string } {
    const own = modelScripts.get(model);
    const script = { ...globalScript, ...own };
    return { script, failKey: own && 'failStatus' in own ? `model:${model}` : 'global' };
  }

  function shouldFail(script: SimulatorScript, failKey: string): boolean {
    if (script.failStatus === undefined) return false;
    const failed = failures.get(failKey) ?? 0;
    if (script.failTimes !== undefined && failed >= script.failTimes) return false;
    failures.set(failKey, failed + 1);
    return true;
  }

  /** Calls `cancel` once, when the response closes or the simulator stops; returns that call. */
  function track(res: ServerResponse, cancel: () => void): () => void {
    let done = false;
    const stop = (): void => {
      if (done) return;
      done = true;
      cancels.delete(stop);
      cancel();
    };
    cancels.add(stop);
    res.once('close', stop);
    return stop;
  }

  /** Checks the model and the failure knobs; answers and returns undefined when the request ends here. */
  function admit(res: ServerResponse, protocol: Protocol, model: unknown): Exchange | undefined {
    if (typeof model !== 'string' || model === '') {
      sendError(
        res,
        protocol,
        400,
        protocol === 'ollama' ? 'model is required' : 'you must provide a model parameter',
      );
      return undefined;
    }
    if (!models.includes(model)) {
      const message =
        protocol === 'ollama'
          ? `model "${model}" not found, try pulling it first`
          : `The model \`${model}\` does not exist or you do not have access to it.`;
      sendError(res, protocol, 404, message, 'model_not_found');
      return undefined;
    }
    const { script, failKey } = scriptFor(model);
    if (shouldFail(script, failKey)) {
      const status = script.failStatus ?? 500;
      sendError(res, protocol, status, `simulated upstream failure (${status})`);
      return undefined;
    }
    if (script.hang === 'headers') {
      track(res, () => undefined);
      return undefined;
    }
    return { res, script };
  }

  function chat(ex: Exchange, reply: Reply, stream: boolean, wire: ChatWire): void {
    const { res, script } = ex;
    let opened = false;
    let content = '';
    let sent = 0;
    const usage = (): Usage => ({
      prompt: script.usage?.promptTokens ?? reply.promptTokens,
      completion: script.usage?.completionTokens ?? sent,
    });
    if (stream || script.hang === 'stream') {
      res.writeHead(200, {
        'content-type': stream ? wire.streamContentType : 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      });
      res.flushHeaders();
    }
    let streamOpen = stream;
    if (stream) activeStreams++;
    const endStream = (): void => {
      if (!streamOpen) return;
      streamOpen = false;
      activeStreams--;
    };
    const openOnce = (): void => {
      if (opened || !stream) return;
      opened = true;
      res.write(wire.open());
    };
    let cancel = (): void => undefined;
    const untrack = track(res, () => {
      cancel();
      endStream();
    });
    cancel = playTokens(reply.tokens, script, {
      token(text) {
        sent++;
        content += text;
        if (!stream) return;
        openOnce();
        res.write(wire.token(text));
      },
      end() {
        if (stream) {
          openOnce();
          res.end(wire.close(usage(), reply.finish));
        } else {
          sendJson(res, 200, wire.whole(content, usage(), reply.finish));
        }
        untrack();
      },
      drop() {
        untrack();
        const socket = res.socket;
        if (socket) socket.end(() => socket.destroy());
        else res.destroy();
      },
    });
  }

  function ollamaWire(model: string, started: bigint, script: SimulatorScript): ChatWire {
    const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
    const stats = (usage: Usage, finish: FinishReason): Record<string, unknown> => {
      const total = Number(process.hrtime.bigint() - started);
      const firstMs = script.firstTokenDelayMs ?? 0;
      return {
        done: true,
        done_reason: finish,
        total_duration: total,
        load_duration: 0,
        prompt_eval_count: usage.prompt,
        prompt_eval_duration: firstMs * NS_PER_MS,
        eval_count: usage.completion,
        eval_duration: Math.max(0, total - firstMs * NS_PER_MS),
      };
    };
    const message = (content: string): Record<string, unknown> => ({
      model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content },
    });
    return {
      streamContentType: 'application/x-ndjson',
      open: () => '',
      token: (text) => line({ ...message(text), done: false }),
      close: (usage, finish) => line({ ...message(''), ...stats(usage, finish) }),
      whole: (content, usage, finish) => ({ ...message(content), ...stats(usage, finish) }),
    };
  }

  function openaiWire(model: string, includeUsage: boolean): ChatWire {
    const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
    const created = Math.floor(Date.now() / 1000);
    const head = { id, created, model, system_fingerprint: 'fp_enclave_sim' };
    const usageBody = (usage: Usage): Record<string, number> => ({
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    });
    const chunk = (delta: Record<string, unknown>, finish: FinishReason | null): string =>
      sse({
        ...head,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
      });
    return {
      streamContentType: 'text/event-stream; charset=utf-8',
      open: () => chunk({ role: 'assistant', content: '' }, null),
      token: (text) => chunk({ content: text }, null),
      close: (usage, finish) =>
        chunk({}, finish) +
        (includeUsage
          ? sse({ ...head, object: 'chat.completion.chunk', choices: [], usage: usageBody(usage) })
          : '') +
        'data: [DONE]\n\n',
      whole: (content, usage, finish) => ({
        ...head,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage: usageBody(usage),
      }),
    };
  }

  function ollamaModel(name: string): Record<string, unknown> {
    const family = name.split(/[:.\d-]/)[0] || 'llama';
    return {
      name,
      model: name,
      modified_at: startedAt.toISOString(),
      size: 100_000_000 + (parseInt(sha256(name).slice(0, 6), 16) % 900_000_000),
      digest: sha256(name),
      details: {
        parent_model: '',
        format: 'gguf',
        family,
        families: [family],
        parameter_size: '1B',
        quantization_level: 'Q4_K_M',
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const method = req.method ?? 'GET';
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    requests.push({ method, path, headers: { ...req.headers }, body });

    const protocol: Protocol = path.startsWith('/v1/') ? 'openai' : 'ollama';
    if (protocol === 'openai' && options.apiKey !== undefined) {
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${options.apiKey}`) {
        const message =
          auth === undefined
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : 'Incorrect API key provided.';
        sendError(res, 'openai', 401, message, auth === undefined ? null : 'invalid_api_key');
        return;
      }
    }
    if (badJson || (method === 'POST' && !isRecord(body))) {
      const message =
        protocol === 'ollama'
          ? 'invalid character looking for beginning of value'
          : "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";
      sendError(res, protocol, 400, message);
      return;
    }
    const input = isRecord(body) ? body : {};

    const route = `${method} ${path}`;
    if (route === 'GET /' || route === 'HEAD /') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
    } else if (route === 'GET /api/version') {
      sendJson(res, 200, { version: OLLAMA_VERSION });
    } else if (route === 'GET /api/tags') {
      sendJson(res, 200, { models: models.map(ollamaModel) });
    } else if (route === 'POST /api/show') {
      const name = input.model ?? input.name;
      if (typeof name !== 'string' || !models.includes(name)) {
        sendError(res, 'ollama', 404, `model '${String(name)}' not found`);
        return;
      }
      const { details } = ollamaModel(name);
      sendJson(res, 200, {
        modelfile: `FROM ${name}\n`,
        parameters: '',
        template: '{{ .Prompt }}',
        details,
        model_info: { 'general.architecture': 'llama', 'llama.context_length': 8192 },
        capabilities: ['completion'],
        modified_at: startedAt.toISOString(),
      });
    } else if (route === 'POST /api/chat') {
      const ex = admit(res, 'ollama', input.model);
      if (!ex) return;
      const model = input.model as string;
      const started = process.hrtime.bigint();
      const opts = isRecord(input.options) ? input.options : {};
      const reply = planReply(ex.script, conversation(input.messages), limit(opts.num_predict));
      chat(ex, reply, input.stream !== false, ollamaWire(model, started, ex.script));
    } else if (route === 'POST /api/embed') {
      const ex = admit(res, 'ollama', input.model);
      if (!ex) return;
      const texts = embeddingInputs(input.input);
      const started = process.hrtime.bigint();
      delayed(ex, () => ({
        model: input.model,
        embeddings: texts.map((text) => embed(text, dimensions)),
        total_duration: Number(process.hrtime.bigint() - started),
        load_duration: 0,
        prompt_eval_count: texts.reduce((sum, text) => sum + countWords(text), 0),
      }));
    } else if (route === 'POST /api/embeddings') {
      const ex = admit(res, 'ollama', input.model);
      if (!ex) return;
      const prompt = typeof input.prompt === 'string' ? input.prompt : '';
      delayed(ex, () => ({ embedding: embed(prompt, dimensions) }));
    } else if (route === 'GET /v1/models') {
      sendJson(res, 200, { object: 'list', data: models.map(openaiModel) });
    } else if (method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (models.includes(id)) sendJson(res, 200, openaiModel(id));
      else sendError(res, 'openai', 404, `The model \`${id}\` does not exist.`, 'model_not_found');
    } else if (route === 'POST /v1/chat/completions') {
      const ex = admit(res, 'openai', input.model);
      if (!ex) return;
      if (!Array.isArray(input.messages)) {
        sendError(
          res,
          'openai',
          400,
          "Missing required parameter: 'messages'.",
          'missing_required_parameter',
          'messages',
        );
        return;
      }
      const streamOptions = isRecord(input.stream_options) ? input.stream_options : {};
      const reply = planReply(
        ex.script,
        conversation(input.messages),
        limit(input.max_completion_tokens ?? input.max_tokens),
      );
      const wire = openaiWire(input.model as string, streamOptions.include_usage === true);
      chat(ex, reply, input.stream === true, wire);
    } else if (route === 'POST /v1/embeddings') {
      const ex = admit(res, 'openai', input.model);
      if (!ex) return;
      const texts = embeddingInputs(input.input);
      const size = typeof input.dimensions === 'number' ? input.dimensions : dimensions;
      const base64 = input.encoding_format === 'base64';
      const tokens = texts.reduce((sum, text) => sum + countWords(text), 0);
      delayed(ex, () => ({
        object: 'list',
        data: texts.map((text, index) => {
          const vector = embed(text, size);
          return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
        }),
        model: input.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      }));
    } else if (protocol === 'openai') {
      sendError(res, 'openai', 404, `Unknown request URL: ${method} ${path}.`, 'unknown_url');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    }
  }

  /** Answers a non-token request after the script's first-token delay, honouring hang and drop. */
  function delayed(ex: Exchange, answer: () => unknown): void {
    chat(ex, { tokens: [], promptTokens: 0, finish: 'stop' }, false, {
      streamContentType: 'application/json',
      open: () => '',
      token: () => '',
      close: () => '',
      whole: () => answer(),
    });
  }

  function openaiModel(id: string): Record<string, unknown> {
    return {
      id,
      object: 'model',
      created: Math.floor(startedAt.getTime() / 1000),
      owned_by: 'library',
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = async (): Promise<void> => {
    for (const cancel of [...cancels]) cancel();
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    port,
    requests,
    get activeStreams() {
      return activeStreams;
    },
    setScript(script) {
      globalScript = { ...globalScript, ...script };
      failures.delete('global');
    },
    setModelScript(model, script) {
      modelScripts.set(model, { ...modelScripts.get(model), ...script });
      failures.delete(`model:${model}`);
    },
    reset() {
      globalScript = { ...options.script };
      modelScripts.clear();
      failures.clear();
      requests.length = 0;
    },
    refuseConnections: stop,
    async resume() {
      if (!server.listening) await listen(port);
    },
    close: stop,
  };
}

/** Plays tokens on the script's timing (hang and drop included); returns a cancel function. */
function playTokens(
  tokens: string[],
  script: SimulatorScript,
  sink: { token(text: string): void; end(): void; drop(): void },
): () => void {
  const delay = script.tokenDelayMs ?? 0;
  const hangAt = script.hang === 'stream' ? (script.hangAfterTokens ?? 0) : Infinity;
  const dropAt = script.dropAfterTokens ?? Infinity;
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  let sent = 0;
  const run = (): void => {
    timer = undefined;
    while (!cancelled) {
      if (sent >= dropAt) return sink.drop();
      if (sent >= hangAt) return; // silent until the client or the simulator closes
      const token = tokens[sent];
      if (token === undefined) return sink.end();
      sent++;
      sink.token(token);
      if (delay > 0 && sent < tokens.length) {
        timer = setTimeout(run, delay);
        return;
      }
    }
  };
  const first = script.firstTokenDelayMs ?? 0;
  if (first > 0) timer = setTimeout(run, first);
  else run();
  return () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
  };
}

function planReply(
  script: SimulatorScript,
  { texts, lastUser }: { texts: string[]; lastUser: string },
  max: number | undefined,
): Reply {
  let tokens: string[];
  if (Array.isArray(script.tokens)) tokens = script.tokens;
  else if (typeof script.tokens === 'number')
    tokens = Array.from({ length: script.tokens }, (_, i) => `tok${i} `);
  else tokens = words(`Echo: ${lastUser}`.trim());
  const truncated = max !== undefined && tokens.length > max;
  return {
    tokens: truncated ? tokens.slice(0, max) : tokens,
    promptTokens: texts.reduce((sum, text) => sum + countWords(text), 0),
    finish: truncated ? 'length' : 'stop',
  };
}

/** The text of every message, and of the last user message (which the default reply echoes). */
function conversation(messages: unknown): { texts: string[]; lastUser: string } {
  const texts: string[] = [];
  let lastUser = '';
  for (const message of Array.isArray(messages) ? messages : []) {
    if (!isRecord(message)) continue;
    const text = contentText(message.content);
    texts.push(text);
    if (message.role === 'user') lastUser = text;
  }
  return { texts, lastUser };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join(' ');
}

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) {
    if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return [];
}

/** A deterministic unit vector derived from a hash of the text. */
function embed(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 4 <= digest.length && values.length < dimensions; i += 4) {
      values.push(digest.readUInt32LE(i) / 0xffffffff - 0.5);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  // Rounded through float32 so the float and base64 encodings carry the same numbers.
  return values.map((v) => Math.fround(v / norm));
}

function toBase64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buffer.writeFloatLE(value, i * 4));
  return buffer.toString('base64');
}

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function limit(value: unknown): number | undefined {
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sse(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  protocol: Protocol,
  status: number,
  message: string,
  code: string | null = null,
  param: string | null = null,
): void {
  if (protocol === 'ollama') return sendJson(res, status, { error: message });
  const type =
    status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param, code } });
}
