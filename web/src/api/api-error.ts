/** One field problem of a `validation_failed` answer. */
export interface FieldError {
  path?: string;
  message: string;
}

/**
 * Every failed request ends as an ApiError: the server's problem+json (RFC 9457) when it sent
 * one, or a synthetic code for what the browser saw (`network_error`, `http_<status>`).
 */
export class ApiError extends Error {
  readonly status: number;
  /** The server's stable machine-readable code (`invalid_credentials`, `rate_limited`, …). */
  readonly code: string;
  /** The server's public explanation; shown when no translation exists for the code. */
  readonly detail: string;
  /** Seconds to wait, from `Retry-After` (429 and 503 answers). */
  readonly retryAfter: number | null;
  readonly requestId: string | null;
  readonly errors: FieldError[];

  constructor(props: {
    status: number;
    code: string;
    detail: string;
    retryAfter?: number | null;
    requestId?: string | null;
    errors?: FieldError[];
  }) {
    super(props.detail);
    this.name = 'ApiError';
    this.status = props.status;
    this.code = props.code;
    this.detail = props.detail;
    this.retryAfter = props.retryAfter ?? null;
    this.requestId = props.requestId ?? null;
    this.errors = props.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; null when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Reads a failed response into an ApiError, whatever its body holds. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const requestId = response.headers.get('x-request-id');
  const fallback = {
    status: response.status,
    code: `http_${response.status}`,
    detail: response.statusText || `HTTP ${response.status}`,
    retryAfter,
    requestId,
  };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiError(fallback);
  }
  return new ApiError({ ...fallback, ...problemFields(body) });
}

function problemFields(body: unknown): Partial<{
  code: string;
  detail: string;
  requestId: string;
  errors: FieldError[];
}> {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const fields: ReturnType<typeof problemFields> = {};
  if (typeof record.code === 'string') fields.code = record.code;
  if (typeof record.detail === 'string') fields.detail = record.detail;
  else if (typeof record.title === 'string') fields.detail = record.title;
  if (typeof record.requestId === 'string') fields.requestId = record.requestId;
  if (Array.isArray(record.errors)) {
    fields.errors = record.errors
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      .map((item) => ({
        path: typeof item.path === 'string' ? item.path : undefined,
        message: typeof item.message === 'string' ? item.message : String(item.message),
      }));
  }
  return fields;
}

/** For a fetch that never got an answer (offline, server down, CORS, aborted). */
export function networkError(cause: unknown): ApiError {
  const aborted = cause instanceof DOMException && cause.name === 'AbortError';
  return new ApiError({
    status: 0,
    code: aborted ? 'aborted' : 'network_error',
    detail: aborted ? 'The request was cancelled.' : 'The server cannot be reached.',
  });
}
