import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, WWW_AUTHENTICATE_INVALID_TOKEN } from '../auth/authentication-error.js';
import { RequestValidationError } from '../http/validation.js';
import { DomainError, RateLimitedError, UnavailableError, type DomainErrorCode } from '../../shared/domain-error.js';
import { isDependencyOutage } from './outage.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

/** How long a client should wait before retrying a 503 whose cause says nothing more precise. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

const STATUS_OF: Record<DomainErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  invalid_state: 409,
  conflict: 409,
  unprocessable: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
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
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  exception: unknown,
  logger: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>,
): void {
  const outage = !(exception instanceof DomainError) && isDependencyOutage(exception);
  const body = outage
    ? problem(503, 'service-unavailable', 'A service this answer depends on cannot be reached right now; try again shortly.', {
        code: 'service.unavailable',
      })
    : toProblem(exception);
  body.instance = request.url?.split('?')[0];
  body.requestId = String(request.id);
  if (outage) logger.warn?.({ err: exception, requestId: request.id }, 'dependency unavailable');
  else if (body.status >= 500 && body.status !== 503) logger.error({ err: exception, requestId: request.id }, 'unhandled error');
  if (exception instanceof AuthenticationError) void reply.header('www-authenticate', WWW_AUTHENTICATE_INVALID_TOKEN);
  if (body.status === 503 || body.status === 429) {
    const seconds =
      exception instanceof RateLimitedError || exception instanceof UnavailableError
        ? exception.retryAfterSeconds
        : DEFAULT_RETRY_AFTER_SECONDS;
    void reply.header('retry-after', String(Math.max(1, Math.ceil(seconds))));
  }
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
    const codes: Partial<Record<DomainErrorCode, string>> = { unavailable: 'service.unavailable', rate_limited: 'rate_limit.exceeded' };
    return problem(STATUS_OF[exception.code], exception.code.replaceAll('_', '-'), exception.message, {
      ...(codes[exception.code] ? { code: codes[exception.code] } : {}),
      ...exception.extra,
      ...(exception.errors.length ? { errors: exception.errors } : {}),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 503)
      return problem(503, 'service-unavailable', 'The service is not ready: a dependency cannot be reached.', {
        code: 'service.unavailable',
      });
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
