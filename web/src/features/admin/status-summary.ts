/** The answer of `GET /api/admin/status` (see docs/operations.md, "Status page"). */
export type StatusLevel = 'green' | 'amber' | 'red';
export type CheckKind = 'database' | 'redis' | 'upstream' | 'disk' | 'memory' | 'eventLoop';
export type DetailValue = string | number | boolean | null;

export interface StatusCheck {
  name: string;
  kind: CheckKind;
  status: StatusLevel;
  /** One English line from the server. */
  summary: string;
  details: Record<string, DetailValue>;
}

export interface StatusReport {
  status: StatusLevel;
  checkedAt: string;
  version: string;
  uptimeSeconds: number;
  checks: StatusCheck[];
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** A measurement to show, typed so the page can format it in the reader's language. */
export type FactValue =
  | { type: 'ms'; value: number }
  | { type: 'noAnswer' }
  | { type: 'blocked' }
  | { type: 'text'; value: string }
  | { type: 'code'; value: string }
  | { type: 'count'; value: number }
  | { type: 'bytesOf'; value: number; total: number; percent: number | null }
  | { type: 'bytes'; value: number }
  | { type: 'percent'; value: number }
  | { type: 'breaker'; value: BreakerState }
  | { type: 'error'; code: string; at: string | null }
  | { type: 'limits'; amber: number; red: number };

export type FactKey =
  | 'latency'
  | 'duration'
  | 'engine'
  | 'providerKind'
  | 'address'
  | 'circuit'
  | 'models'
  | 'lastError'
  | 'free'
  | 'path'
  | 'process'
  | 'heap'
  | 'machineFree'
  | 'delay'
  | 'thresholds';

export interface Fact {
  key: FactKey;
  value: FactValue;
}

export type CheckTitle =
  | { key: 'database' | 'redis' | 'disk' | 'memory' | 'eventLoop' | 'upstreams' }
  | { key: 'upstream'; name: string };

export interface CheckView {
  title: CheckTitle;
  facts: Fact[];
}

const LEVEL_ORDER: readonly StatusLevel[] = ['green', 'amber', 'red'];

/** The worst of some levels; green for none. */
export function worstLevel(levels: readonly StatusLevel[]): StatusLevel {
  return levels.reduce<StatusLevel>(
    (worst, level) => (LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(worst) ? level : worst),
    'green',
  );
}

/** How many checks are at each level. */
export function countLevels(checks: readonly StatusCheck[]): Record<StatusLevel, number> {
  const counts: Record<StatusLevel, number> = { green: 0, amber: 0, red: 0 };
  for (const check of checks) counts[check.status] += 1;
  return counts;
}

/** The checks, worst first, keeping the server's order within a level. */
export function worstFirst(checks: readonly StatusCheck[]): StatusCheck[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort(
      (a, b) =>
        LEVEL_ORDER.indexOf(b.check.status) - LEVEL_ORDER.indexOf(a.check.status) ||
        a.index - b.index,
    )
    .map(({ check }) => check);
}

const num = (details: Record<string, DetailValue>, key: string): number | null => {
  const value = details[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const str = (details: Record<string, DetailValue>, key: string): string | null => {
  const value = details[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

function isBreaker(value: DetailValue | undefined): value is BreakerState {
  return value === 'closed' || value === 'open' || value === 'halfOpen';
}

/** A latency in ms, or "no answer" when the check ran and got none. */
function latency(details: Record<string, DetailValue>): Fact {
  const ms = num(details, 'latencyMs');
  return { key: 'latency', value: ms === null ? { type: 'noAnswer' } : { type: 'ms', value: ms } };
}

/**
 * What to show of one check: a title and its measurements, read from `details` (which fields
 * exist depends on the kind). Fields that are missing are left out rather than guessed.
 */
export function describeCheck(check: StatusCheck): CheckView {
  const d = check.details;
  const facts: Fact[] = [];
  const push = (key: FactKey, value: FactValue | null) => {
    if (value) facts.push({ key, value });
  };
  switch (check.kind) {
    case 'database': {
      const dialect = str(d, 'dialect');
      push('engine', dialect ? { type: 'text', value: dialectName(dialect) } : null);
      facts.push(latency(d));
      return { title: { key: 'database' }, facts };
    }
    case 'redis':
      facts.push(latency(d));
      return { title: { key: 'redis' }, facts };
    case 'upstream': {
      const name = str(d, 'providerName') ?? check.name.replace(/^upstream:/, '');
      if (check.name === 'upstreams' && Object.keys(d).length === 0) {
        return { title: { key: 'upstreams' }, facts };
      }
      const kind = str(d, 'providerKind');
      push('providerKind', kind ? { type: 'text', value: kind } : null);
      const baseUrl = str(d, 'baseUrl');
      push('address', baseUrl ? { type: 'code', value: baseUrl } : null);
      if (isBreaker(d.breaker)) push('circuit', { type: 'breaker', value: d.breaker });
      const models = num(d, 'models');
      push('models', models === null ? { type: 'noAnswer' } : { type: 'count', value: models });
      // A listing that failed still took time, but that is no answer time.
      const ms = num(d, 'latencyMs');
      push(
        models === null ? 'duration' : 'latency',
        ms === null ? null : { type: 'ms', value: ms },
      );
      const code = str(d, 'lastErrorCode');
      push('lastError', code ? { type: 'error', code, at: str(d, 'lastErrorAt') } : null);
      return { title: { key: 'upstream', name }, facts };
    }
    case 'disk': {
      const free = num(d, 'freeBytes');
      const total = num(d, 'totalBytes');
      push(
        'free',
        free === null || total === null
          ? { type: 'noAnswer' }
          : { type: 'bytesOf', value: free, total, percent: num(d, 'freePercent') },
      );
      const path = str(d, 'path');
      push('path', path ? { type: 'code', value: path } : null);
      return { title: { key: 'disk' }, facts };
    }
    case 'memory': {
      const rss = num(d, 'rssBytes');
      push('process', rss === null ? null : { type: 'bytes', value: rss });
      const heap = num(d, 'heapUsedPercent');
      push('heap', heap === null ? null : { type: 'percent', value: heap });
      const free = num(d, 'systemFreeBytes');
      const total = num(d, 'systemTotalBytes');
      push(
        'machineFree',
        free === null || total === null
          ? null
          : {
              type: 'bytesOf',
              value: free,
              total,
              percent: total > 0 ? Math.round((free / total) * 1000) / 10 : null,
            },
      );
      return { title: { key: 'memory' }, facts };
    }
    case 'eventLoop': {
      const delay = num(d, 'delayMs');
      push('delay', delay === null ? { type: 'blocked' } : { type: 'ms', value: delay });
      const amber = num(d, 'amberAboveMs');
      const red = num(d, 'redAboveMs');
      push('thresholds', amber === null || red === null ? null : { type: 'limits', amber, red });
      return { title: { key: 'eventLoop' }, facts };
    }
  }
}

function dialectName(dialect: string): string {
  if (dialect === 'sqlite') return 'SQLite';
  if (dialect === 'postgres') return 'PostgreSQL';
  return dialect;
}

/** An uptime as its two largest units (`[{ unit: 'day', value: 3 }, { unit: 'hour', … }]`). */
export function uptimeParts(
  seconds: number,
): { unit: 'day' | 'hour' | 'minute' | 'second'; value: number }[] {
  const whole = Math.max(0, Math.floor(seconds));
  const parts = [
    { unit: 'day' as const, value: Math.floor(whole / 86_400) },
    { unit: 'hour' as const, value: Math.floor((whole % 86_400) / 3600) },
    { unit: 'minute' as const, value: Math.floor((whole % 3600) / 60) },
  ];
  const first = parts.findIndex((part) => part.value > 0);
  if (first === -1) return [{ unit: 'second', value: whole }];
  return parts.slice(first, first + 2).filter((part) => part.value > 0);
}

/** `1.4 GiB`, `512 MiB` with the reader's decimal separator. */
export function formatBytes(bytes: number, language: string): string {
  const KIB = 1024;
  const MIB = KIB * 1024;
  const GIB = MIB * 1024;
  const format = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  if (bytes >= GIB) return `${format(bytes / GIB, 1)} GiB`;
  if (bytes >= MIB) return `${format(bytes / MIB, 0)} MiB`;
  return `${format(bytes / KIB, 0)} KiB`;
}
