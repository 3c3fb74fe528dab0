import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, problemOf, type ErrorCode } from './errors.js';

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Fastify's own error codes that a client can cause, by the catalog code they answer with. */
export const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  extra?: Record<string, unknown>,
): FastifyReply {
  const problem = problemOf(code, request.id, detail, extra);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * The one place errors become responses: catalog errors keep their code and detail, the
 * client errors Fastify raises get a catalog code, and anything else is a bare 500 whose cause
 * is logged, never sent.
 */
export const errorHandler = fp(
  (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500)
          request.log.error({ err: error.cause ?? error }, error.message);
        reply.headers(error.headers);
        return sendProblem(request, reply, error.code, error.detail, error.extra);
      }
      if (error.validation) {
        const { validation, validationContext } = error;
        const errors = (validation as ValidationIssue[]).map((issue) =>
          describeIssue(issue, validationContext),
        );
        return sendProblem(
          request,
          reply,
          'validation_failed',
          errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          { errors },
        );
      }
      const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (mapped) return sendProblem(request, reply, mapped);
      const status = error.statusCode ?? 500;
      if (status === 429) return sendProblem(request, reply, 'rate_limited');
      if (status >= 400 && status < 500) {
        request.log.info({ err: error }, 'client error without a catalog code');
        return sendProblem(request, reply, status === 404 ? 'not_found' : 'bad_request');
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, 'internal_error');
    });
  },
  { name: 'error-handler' },
);

/** 404 for every unknown route (installed by the rate-limit plugin, which guards it). */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    request,
    reply,
    'not_found',
    `No route for ${request.method} ${request.url.split('?')[0]}`,
  );
}

function describeIssue(
  issue: ValidationIssue,
  context: string | undefined,
): { path: string; message: string } {
  const missing = issue.params?.missingProperty;
  const extra = issue.params?.additionalProperty;
  const base = `${context ?? 'body'}${issue.instancePath ?? ''}`.replace(/\//g, '.');
  if (typeof missing === 'string') return { path: `${base}.${missing}`, message: 'is required' };
  if (typeof extra === 'string') return { path: `${base}.${extra}`, message: 'is not allowed' };
  return { path: base, message: issue.message ?? 'is not valid' };
}
