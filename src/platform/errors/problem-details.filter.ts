import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, WWW_AUTHENTICATE_INVALID_TOKEN } from '../auth/authentication-error.js';
import { RequestValidationError } from '../http/validation.js';
import { DomainError, RateLimitedError, UnavailableError } from '../../shared/domain-error.js';
import { isDependencyOutage } from './outage.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

/** How long a client should wait before retrying a 503 whose cause says nothing more precise. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** The one place where errors become HTTP answers: RFC 9457 problem+json, never internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception, this.logger);
  }
}

/** An error as an HTTP answer: status, the headers it needs, and the problem+json body. */
export interface ProblemAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

type ErrorLogger = Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>;

/**
 * Builds the answer to an error (and logs what must be logged): the one mapping from errors to
 * problem+json, shared by Nest's filter, plain Fastify routes and the raw enforcement hot path.
 */
export function problemAnswer(exception: unknown, instance: string | undefined, requestId: string, logger: ErrorLogger): ProblemAnswer {
  const outage = !(exception instanceof DomainError) && isDependencyOutage(exception);
  const body = outage
    ? problem('service.unavailable', 'A service this answer depends on cannot be reached right now; try again shortly.')
    : toProblem(exception);
  body.instance = instance;
  body.requestId = requestId;
  if (outage) logger.warn?.({ err: exception, requestId }, 'dependency unavailable');
  else if (body.status >= 500 && body.status !== 503) logger.error({ err: exception, requestId }, 'unhandled error');
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (exception instanceof AuthenticationError) headers['www-authenticate'] = WWW_AUTHENTICATE_INVALID_TOKEN;
  if (body.status === 503 || body.status === 429) {
    const seconds =
      exception instanceof RateLimitedError || exception instanceof UnavailableError
        ? exception.retryAfterSeconds
        : DEFAULT_RETRY_AFTER_SECONDS;
    headers['retry-after'] = String(Math.max(1, Math.ceil(seconds)));
  }
  return { status: body.status, headers, body: JSON.stringify(body) };
}

/** Answers an error as problem+json (also used by routes served outside Nest's pipeline). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, exception: unknown, logger: ErrorLogger): void {
  const answer = problemAnswer(exception, request.url?.split('?')[0], String(request.id), logger);
  void reply.status(answer.status).headers(answer.headers).send(answer.body);
}

function toProblem(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    return problem('validation.failed', 'The request is not valid: see errors.', { errors: exception.errors }, exception.status);
  }
  if (exception instanceof AuthenticationError) return problem('auth.invalid_token', exception.message);
  if (exception instanceof DomainError) {
    return problem(exception.code, exception.message, {
      ...exception.extra,
      ...(exception.errors.length ? { errors: exception.errors } : {}),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 503) return problem('service.unavailable', 'The service is not ready: a dependency cannot be reached.');
    if (status === 404) return problem('route.not_found', exception.message);
    if (status >= 500) return problem('internal.error', 'The server could not complete the request.');
    return problem(codeOfStatus(status), exception.message, {}, status);
  }
  // Errors raised by Fastify itself before a route runs (body too large, bad JSON, bad media type).
  const status = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(codeOfStatus(status), (exception as Error).message, {}, status);
  }
  return problem('internal.error', 'The server could not complete the request.');
}

/** Errors that arrive with only a status (from Fastify or Nest, not from this service's own rules). */
function codeOfStatus(status: number) {
  switch (status) {
    case 401:
      return 'auth.invalid_token' as const;
    case 403:
      return 'auth.forbidden' as const;
    case 404:
      return 'route.not_found' as const;
    case 405:
      return 'route.method_not_allowed' as const;
    case 413:
      return 'validation.body_too_large' as const;
    case 415:
      return 'validation.unsupported_media_type' as const;
    case 429:
      return 'rate_limit.exceeded' as const;
    default:
      return 'validation.malformed' as const;
  }
}
