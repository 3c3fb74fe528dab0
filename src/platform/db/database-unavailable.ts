import { AppError } from '../http/errors.js';

/** What a client is told to wait before trying again while the database cannot be reached. */
const DATABASE_RETRY_AFTER_S = 5;

/** Errors of the socket under a PostgreSQL connection that mean "not reachable now". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is away or full: connection exceptions (class 08), shutting down
 * or starting up (57P01–57P03), too many connections (53300).
 */
function isUnavailableCode(code: string): boolean {
  return (
    NETWORK_CODES.has(code) ||
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '53300'].includes(code)
  );
}

/** What node-postgres throws, without a code, for a connection that died or never came. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  // SQLite: a write that waited past the busy timeout for another process's lock.
  if (error.name === 'SqliteError') return code === 'SQLITE_BUSY';
  if (typeof code === 'string' && isUnavailableCode(code)) return true;
  if (UNAVAILABLE_MESSAGES.some((message) => error.message.startsWith(message))) return true;
  // An AggregateError holds one error per address tried (IPv4 and IPv6 of localhost).
  return error instanceof AggregateError && error.errors.some(isUnavailable);
}

/**
 * What the database driver's `error` becomes for everyone above it: when it means the database
 * cannot be reached (or is too busy) right now, 503 `service_unavailable` with Retry-After,
 * which a client may retry, instead of a 500; any other error unchanged. Only for errors the
 * driver threw: a refused connection to a model upstream or to Redis carries the same codes.
 */
export function unavailableIfUnreachable(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  return new AppError(
    'service_unavailable',
    'The database cannot be reached right now; retry shortly.',
    { cause: error, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) } },
  );
}
