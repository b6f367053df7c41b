import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, WWW_AUTHENTICATE_INVALID_TOKEN } from '../auth/authentication-error.js';
import { RequestValidationError } from '../http/validation.js';
import { DomainError, type DomainErrorCode } from './domain-error.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

const STATUS_OF: Record<DomainErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  invalid_state: 409,
  conflict: 409,
  unprocessable: 422,
  idempotency_key_reused: 422,
  unavailable: 503,
};

/** The one place where errors become HTTP answers: RFC 9457 problem+json, never internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception, this.logger);
  }
}

/** Answers an error as problem+json (also used by routes served outside Nest's pipeline). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, exception: unknown, logger: Pick<Logger, 'error'>): void {
  const body = toProblem(exception);
  body.instance = request.url?.split('?')[0];
  body.requestId = String(request.id);
  if (body.status >= 500) logger.error({ err: exception, requestId: request.id }, 'unhandled error');
  if (exception instanceof AuthenticationError) void reply.header('www-authenticate', WWW_AUTHENTICATE_INVALID_TOKEN);
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function toProblem(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    return problem(exception.status, 'validation', 'The request is not valid: see errors.', { errors: exception.errors });
  }
  if (exception instanceof AuthenticationError) {
    return problem(401, 'invalid-token', exception.message);
  }
  if (exception instanceof DomainError) {
    return problem(STATUS_OF[exception.code], exception.code.replaceAll('_', '-'), exception.message, {
      ...exception.extra,
      ...(exception.errors.length ? { errors: exception.errors } : {}),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const detail = status >= 500 ? 'The server could not complete the request.' : exception.message;
    return problem(status, slugOf(status), detail);
  }
  // Errors raised by Fastify itself before a route runs (body too large, bad JSON, bad media type).
  const status = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, slugOf(status), (exception as Error).message);
  }
  return problem(500, 'internal', 'The server could not complete the request.');
}

function slugOf(status: number): string {
  return (
    {
      400: 'bad-request',
      401: 'invalid-token',
      403: 'forbidden',
      404: 'not-found',
      405: 'method-not-allowed',
      409: 'conflict',
      413: 'body-too-large',
      415: 'unsupported-media-type',
      429: 'too-many-requests',
    }[status] ?? `http-${status}`
  );
}
