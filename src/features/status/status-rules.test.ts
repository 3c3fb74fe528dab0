import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../models/upstream.types.js';
import { judgeDisk } from './disk-check.js';
import { judgeEventLoop } from './event-loop-check.js';
import { judgeMemory, type MemoryReading } from './memory-check.js';
import { judgePing } from './ping-checks.js';
import { BYTES, worst } from './status-levels.js';
import { judgeUpstream } from './upstream-checks.js';

const GIB = BYTES.GIB;

describe('status rules', () => {
  it('rates the whole by its worst check', () => {
    expect(worst([])).toBe('green');
    expect(worst(['green', 'amber', 'green'])).toBe('amber');
    expect(worst(['amber', 'red', 'green'])).toBe('red');
  });

  it('disk: amber under 10 % or 2 GiB free, red under 3 % or 500 MiB', () => {
    expect(judgeDisk(50 * GIB, 100 * GIB)).toBe('green');
    expect(judgeDisk(9 * GIB, 100 * GIB)).toBe('amber');
    expect(judgeDisk(1.5 * GIB, 10 * GIB)).toBe('amber'); // 15 %, but under 2 GiB
    expect(judgeDisk(2.5 * GIB, 100 * GIB)).toBe('red');
    expect(judgeDisk(400 * BYTES.MIB, 1 * GIB)).toBe('red'); // 39 %, but under 500 MiB
  });

  it('memory: heap, RSS against the limit and the machine’s free memory', () => {
    const fine: MemoryReading = {
      rssBytes: 0.2 * GIB,
      heapUsedBytes: 0.1 * GIB,
      heapLimitBytes: 4 * GIB,
      limitBytes: 8 * GIB,
      systemFreeBytes: 4 * GIB,
      systemTotalBytes: 8 * GIB,
    };
    expect(judgeMemory(fine).status).toBe('green');
    expect(judgeMemory({ ...fine, heapUsedBytes: 3.4 * GIB }).status).toBe('amber');
    expect(judgeMemory({ ...fine, heapUsedBytes: 3.9 * GIB }).status).toBe('red');
    expect(judgeMemory({ ...fine, rssBytes: 6.6 * GIB }).status).toBe('amber');
    expect(judgeMemory({ ...fine, systemFreeBytes: 0.7 * GIB }).status).toBe('amber');
    expect(judgeMemory({ ...fine, systemFreeBytes: 0.3 * GIB })).toEqual({
      status: 'red',
      reasons: ["only 3.8 % of the machine's memory is free"],
    });
  });

  it('event loop: amber over 100 ms, red over the back-pressure limit', () => {
    expect(judgeEventLoop(5, 1000)).toBe('green');
    expect(judgeEventLoop(150, 1000)).toBe('amber');
    expect(judgeEventLoop(1200, 1000)).toBe('red');
    expect(judgeEventLoop(Infinity, 1000)).toBe('red');
  });

  it('database and Redis: amber when a round trip takes over 500 ms', () => {
    expect(judgePing(3)).toBe('green');
    expect(judgePing(700)).toBe('amber');
  });

  it('upstream: red when open or unreachable, amber when half-open, slow or empty', () => {
    const up: ProviderStatus = {
      id: 'ollama',
      name: 'Ollama',
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      breaker: 'closed',
      models: 3,
      latencyMs: 12,
      lastErrorCode: null,
      lastErrorAt: null,
    };
    expect(judgeUpstream(up)).toEqual({ status: 'green', summary: '3 models, listed in 12 ms' });
    expect(judgeUpstream({ ...up, breaker: 'open', models: null }).status).toBe('red');
    expect(judgeUpstream({ ...up, models: null }).status).toBe('red');
    expect(judgeUpstream({ ...up, breaker: 'halfOpen' }).status).toBe('amber');
    expect(judgeUpstream({ ...up, latencyMs: 1500 }).status).toBe('amber');
    expect(judgeUpstream({ ...up, models: 0 }).status).toBe('amber');
  });
});
