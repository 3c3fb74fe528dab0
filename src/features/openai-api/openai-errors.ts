import { FASTIFY_CODES } from '../../platform/http/error-handler.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOG, type ErrorCode } from '../../platform/http/errors.js';
import { UpstreamError } from '../models/upstream.types.js';
import type { OpenAiErrorBody } from './openai.schema.js';

/** An error as /v1 answers it: OpenAI's `{ error: { message, type, param, code } }`. */
export interface OpenAiError {
  status: number;
  body: OpenAiErrorBody;
  headers: Record<string, string>;
}

/** Our codes that OpenAI's SDKs and clients know by another name. */
const OPENAI_CODES: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'invalid_api_key',
  invalid_token: 'invalid_api_key',
  unknown_model: 'model_not_found',
};

function typeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

function shaped(
  status: number,
  code: string,
  message: string,
  param: string | null = null,
  headers: Record<string, string> = {},
): OpenAiError {
  return { status, headers, body: { error: { message, type: typeFor(status), param, code } } };
}

function fromCatalog(code: ErrorCode, detail?: string, param: string | null = null): OpenAiError {
  // OpenAI answers an unknown model with 404, and SDKs expect it.
  const status = code === 'unknown_model' ? 404 : ERROR_CATALOG[code].status;
  return shaped(status, OPENAI_CODES[code] ?? code, detail ?? ERROR_CATALOG[code].title, param);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `messages.0.role` from Ajv's `/messages/0` and its missing or extra property. */
function pathOf(issue: ValidationIssue): string {
  const field = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const segments = (issue.instancePath ?? '').split('/').filter((s) => s.length > 0);
  if (typeof field === 'string') segments.push(field);
  return segments.join('.');
}

function fromValidation(error: FastifyError): OpenAiError {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const context = error.validationContext ?? 'body';
  const described = issues.slice(0, 5).map((issue) => {
    const path = pathOf(issue);
    const where = path.length > 0 ? path : context;
    const what = typeof issue.params?.missingProperty === 'string' ? 'is required' : issue.message;
    return `${where}: ${what ?? 'is not valid'}`;
  });
  const first = issues[0] ? pathOf(issues[0]) : '';
  return shaped(
    400,
    'validation_failed',
    described.join('; ') || 'The request is not valid',
    first.length > 0 ? first : null,
  );
}

/**
 * What a failure becomes under /v1. Catalog and upstream errors keep their code and public
 * message; anything unexpected is a bare 500 (the caller logs its cause, never sends it).
 */
export function openAiErrorOf(error: unknown): OpenAiError {
  if (error instanceof AppError) {
    const param = typeof error.extra.param === 'string' ? error.extra.param : null;
    const result = fromCatalog(
      error.code,
      error.detail,
      param ?? (error.code === 'unknown_model' ? 'model' : null),
    );
    return { ...result, headers: error.headers };
  }
  if (error instanceof UpstreamError) return fromCatalog(error.code, error.message);
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return fromValidation(fastifyError as FastifyError);
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return fromCatalog(mapped);
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return fromCatalog('rate_limited');
  if (status === 404) return fromCatalog('not_found');
  if (status >= 400 && status < 500) return fromCatalog('bad_request');
  return fromCatalog('internal_error');
}

/** The error handler of the /v1 scope: OpenAI's shape instead of problem+json. */
export function openAiErrorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const result = openAiErrorOf(error);
  if (result.status >= 500 && !(error instanceof UpstreamError)) {
    request.log.error(
      { err: error instanceof AppError ? (error.cause ?? error) : error },
      'v1 error',
    );
  } else if (result.status >= 500) {
    request.log.warn({ err: error }, 'upstream failure on /v1');
  }
  return reply
    .code(result.status)
    .headers(result.headers)
    .type('application/json; charset=utf-8')
    .send(result.body);
}

/** 404 for unknown URLs under /v1. */
export function openAiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { body, status } = fromCatalog(
    'not_found',
    `No route for ${request.method} ${request.url.split('?')[0]}`,
  );
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
