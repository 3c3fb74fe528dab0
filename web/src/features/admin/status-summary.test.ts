import { describe, expect, it } from 'vitest';
import {
  countLevels,
  describeCheck,
  formatBytes,
  uptimeParts,
  worstFirst,
  worstLevel,
  type StatusCheck,
} from './status-summary';

const check = (overrides: Partial<StatusCheck>): StatusCheck => ({
  name: 'database',
  kind: 'database',
  status: 'green',
  summary: '',
  details: {},
  ...overrides,
});

const GIB = 1024 ** 3;

describe('status levels', () => {
  it('rates a set by its worst level', () => {
    expect(worstLevel([])).toBe('green');
    expect(worstLevel(['green', 'amber', 'green'])).toBe('amber');
    expect(worstLevel(['amber', 'red', 'green'])).toBe('red');
  });

  it('counts the checks at each level', () => {
    const checks = [check({}), check({ status: 'red' }), check({ status: 'red' })];
    expect(countLevels(checks)).toEqual({ green: 1, amber: 0, red: 2 });
  });

  it('lists the worst checks first, keeping the server order within a level', () => {
    const checks = [
      check({ name: 'a' }),
      check({ name: 'b', status: 'amber' }),
      check({ name: 'c', status: 'red' }),
      check({ name: 'd' }),
      check({ name: 'e', status: 'red' }),
    ];
    expect(worstFirst(checks).map((c) => c.name)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });
});

describe('describeCheck', () => {
  it('shows the database engine and its latency, or that it did not answer', () => {
    expect(describeCheck(check({ details: { dialect: 'sqlite', latencyMs: 0.7 } }))).toEqual({
      title: { key: 'database' },
      facts: [
        { key: 'engine', value: { type: 'text', value: 'SQLite' } },
        { key: 'latency', value: { type: 'ms', value: 0.7 } },
      ],
    });
    expect(
      describeCheck(check({ status: 'red', details: { dialect: 'postgres', latencyMs: null } }))
        .facts,
    ).toEqual([
      { key: 'engine', value: { type: 'text', value: 'PostgreSQL' } },
      { key: 'latency', value: { type: 'noAnswer' } },
    ]);
  });

  it('names an upstream and shows its breaker, models and last error', () => {
    const view = describeCheck(
      check({
        name: 'upstream:ollama',
        kind: 'upstream',
        status: 'red',
        details: {
          providerId: 'ollama',
          providerName: 'Ollama',
          providerKind: 'ollama',
          baseUrl: 'http://127.0.0.1:11434',
          breaker: 'open',
          models: null,
          latencyMs: null,
          lastErrorCode: 'upstream_unavailable',
          lastErrorAt: '2026-11-30T14:00:00.000Z',
        },
      }),
    );
    expect(view.title).toEqual({ key: 'upstream', name: 'Ollama' });
    expect(view.facts).toEqual([
      { key: 'providerKind', value: { type: 'text', value: 'ollama' } },
      { key: 'address', value: { type: 'code', value: 'http://127.0.0.1:11434' } },
      { key: 'circuit', value: { type: 'breaker', value: 'open' } },
      { key: 'models', value: { type: 'noAnswer' } },
      {
        key: 'lastError',
        value: { type: 'error', code: 'upstream_unavailable', at: '2026-11-30T14:00:00.000Z' },
      },
    ]);
  });

  it('calls the time of a failed listing how long the check took, not an answer time', () => {
    const facts = (models: number | null) =>
      describeCheck(check({ kind: 'upstream', details: { models, latencyMs: 4 } })).facts;
    expect(facts(null)).toContainEqual({ key: 'duration', value: { type: 'ms', value: 4 } });
    expect(facts(2)).toContainEqual({ key: 'latency', value: { type: 'ms', value: 4 } });
  });

  it('falls back to the check name for an upstream without a provider name', () => {
    expect(
      describeCheck(check({ name: 'upstream:lab', kind: 'upstream', details: { models: 3 } })),
    ).toEqual({
      title: { key: 'upstream', name: 'lab' },
      facts: [{ key: 'models', value: { type: 'count', value: 3 } }],
    });
    expect(describeCheck(check({ name: 'upstreams', kind: 'upstream', status: 'red' }))).toEqual({
      title: { key: 'upstreams' },
      facts: [],
    });
  });

  it('shows free disk space of the total, and memory of the machine', () => {
    expect(
      describeCheck(
        check({
          name: 'disk',
          kind: 'disk',
          details: { path: '/data', freeBytes: 5 * GIB, totalBytes: 50 * GIB, freePercent: 10 },
        }),
      ).facts,
    ).toEqual([
      { key: 'free', value: { type: 'bytesOf', value: 5 * GIB, total: 50 * GIB, percent: 10 } },
      { key: 'path', value: { type: 'code', value: '/data' } },
    ]);
    expect(
      describeCheck(
        check({
          name: 'memory',
          kind: 'memory',
          details: {
            rssBytes: 200 * 1024 ** 2,
            heapUsedPercent: 12.5,
            systemFreeBytes: 2 * GIB,
            systemTotalBytes: 8 * GIB,
          },
        }),
      ).facts,
    ).toEqual([
      { key: 'process', value: { type: 'bytes', value: 200 * 1024 ** 2 } },
      { key: 'heap', value: { type: 'percent', value: 12.5 } },
      {
        key: 'machineFree',
        value: { type: 'bytesOf', value: 2 * GIB, total: 8 * GIB, percent: 25 },
      },
    ]);
  });

  it('reads a null event-loop delay as blocked', () => {
    expect(
      describeCheck(
        check({
          name: 'eventLoop',
          kind: 'eventLoop',
          status: 'red',
          details: { delayMs: null, amberAboveMs: 100, redAboveMs: 1000 },
        }),
      ).facts,
    ).toEqual([
      { key: 'delay', value: { type: 'blocked' } },
      { key: 'thresholds', value: { type: 'limits', amber: 100, red: 1000 } },
    ]);
  });
});

describe('formatting', () => {
  it('gives an uptime as its two largest units', () => {
    expect(uptimeParts(42)).toEqual([{ unit: 'second', value: 42 }]);
    expect(uptimeParts(3 * 3600 + 5 * 60 + 9)).toEqual([
      { unit: 'hour', value: 3 },
      { unit: 'minute', value: 5 },
    ]);
    expect(uptimeParts(2 * 86_400 + 30)).toEqual([{ unit: 'day', value: 2 }]);
  });

  it('formats bytes in binary units with the language’s decimal mark', () => {
    expect(formatBytes(1.5 * GIB, 'en')).toBe('1.5 GiB');
    expect(formatBytes(1.5 * GIB, 'de')).toBe('1,5 GiB');
    expect(formatBytes(512 * 1024 ** 2, 'en')).toBe('512 MiB');
  });
});
