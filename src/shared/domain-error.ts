// Errors the domain and services raise. Each carries a stable problem code (problem-codes.ts); the
// HTTP mapping lives in one place (problem-details.filter.ts), so nothing below the controllers knows
// about status codes.

import type { ProblemCode } from './problem-codes.js';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super('resource.not_found', `${resource} ${id} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, code: ProblemCode = 'auth.forbidden') {
    super(code, message);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, errors: readonly FieldError[] = []) {
    super('validation.failed', message, {}, errors);
  }
}

/** The caller's share of requests for this minute is used up. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limit.exceeded', `Too many requests: try again in ${retryAfterSeconds} seconds.`);
  }
}

/** A dependency (PostgreSQL, Redis, fresh grant data) cannot be reached: try again shortly. */
export class UnavailableError extends DomainError {
  constructor(
    message = 'The service cannot reach a dependency it needs right now; try again shortly.',
    readonly retryAfterSeconds = 5,
  ) {
    super('service.unavailable', message);
  }
}
