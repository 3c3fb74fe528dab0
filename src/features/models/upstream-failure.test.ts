import { describe, expect, it } from 'vitest';
import { mergeModelLists } from './model-list.js';
import { UpstreamTimeout, classifyFailure } from './upstream-failure.js';

const refused = new TypeError('fetch failed', {
  cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
});
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe('upstream failure classification', () => {
  it('treats a refused connection as unavailable and retryable before the first token', () => {
    expect(classifyFailure(refused, false)).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      fault: true,
    });
  });

  it('treats a connection lost after the first token as a broken answer, not retried', () => {
    const cut = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classifyFailure(cut, true)).toMatchObject({
      code: 'upstream_error',
      retryable: false,
      fault: true,
    });
  });

  it('retries 5xx, 408 and 429 answers and counts them; other 4xx are neither', () => {
    for (const status of [500, 502, 503, 408, 429]) {
      expect(classifyFailure(httpError(status), false)).toMatchObject({
        code: 'upstream_error',
        retryable: true,
        fault: true,
      });
    }
    for (const status of [400, 401, 404]) {
      expect(classifyFailure(httpError(status), false)).toMatchObject({
        code: 'upstream_error',
        retryable: false,
        fault: false,
      });
    }
    // Ollama's client reports the status as status_code.
    const ollama = Object.assign(new Error('model not found'), { status_code: 404 });
    expect(classifyFailure(ollama, false)).toMatchObject({ retryable: false, fault: false });
  });

  it('maps every timeout to upstream_timeout; only a silent upstream counts as a fault', () => {
    expect(classifyFailure(new UpstreamTimeout('first_token'), false)).toMatchObject({
      code: 'upstream_timeout',
      retryable: false,
      fault: true,
    });
    expect(classifyFailure(new UpstreamTimeout('idle'), true)).toMatchObject({ fault: true });
    expect(classifyFailure(new UpstreamTimeout('total'), true)).toMatchObject({ fault: false });
    const connect = new TypeError('fetch failed', {
      cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }),
    });
    expect(classifyFailure(connect, false)).toMatchObject({
      code: 'upstream_timeout',
      retryable: true,
    });
  });

  it('answers upstream_unavailable while the circuit is open, without counting it', () => {
    const open = Object.assign(new Error('Breaker is open'), { code: 'EOPENBREAKER' });
    expect(classifyFailure(open, false)).toMatchObject({
      code: 'upstream_unavailable',
      retryable: false,
      fault: false,
    });
  });
});

describe('model list merge', () => {
  it('keeps the first provider’s bare name and prefixes later duplicates', () => {
    expect(
      mergeModelLists([
        { provider: 'ollama', names: ['llama3', 'qwen'] },
        { provider: 'openai', names: null },
        { provider: 'p2', names: ['llama3', 'mistral', 'mistral'] },
      ]),
    ).toEqual([
      { id: 'llama3', provider: 'ollama', name: 'llama3' },
      { id: 'qwen', provider: 'ollama', name: 'qwen' },
      { id: 'p2/llama3', provider: 'p2', name: 'llama3' },
      { id: 'mistral', provider: 'p2', name: 'mistral' },
    ]);
  });
});
