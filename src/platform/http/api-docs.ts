import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemModel } from './api-models.js';

/** What the document says of each error status (every one answered with the problem schema). */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'malformed: not JSON, a wrong type, an unknown field, a bad query or path parameter (code validation.failed or validation.malformed)',
  401: 'no valid bearer token (auth.invalid_token); WWW-Authenticate: Bearer error="invalid_token"',
  403: 'the caller may not do this (auth.forbidden, or the rule named by code)',
  404: 'no such resource, or one of another tenant (resource.not_found)',
  409: 'the resource is not in a state that allows this (see code and currentStatus)',
  413: 'the body is larger than BODY_LIMIT_BYTES (validation.body_too_large)',
  415: 'the body is not JSON (validation.unsupported_media_type)',
  422: 'well-formed but not allowed: see errors (validation.failed), or an Idempotency-Key reused with another body (idempotency.key_reused)',
  429: "the caller's rate limit is used up: retry after Retry-After seconds (rate_limit.exceeded)",
  503: 'a dependency is unreachable: nothing changed; retry after Retry-After seconds (service.unavailable)',
};

/** Errors every authenticated operation can answer. */
const ALWAYS = [401, 503];
/** Errors every operation with a JSON body can answer. */
export const BODY_ERRORS = [400, 413, 415, 422];

export interface OperationDoc {
  /** lowerCamelCase, naming the action: the method name of a generated client. */
  readonly id: string;
  readonly summary: string;
  readonly description?: string;
  /** The success answer: its status and model (an array of one model for a bare list). */
  readonly ok: readonly [status: number, model: Type | null, description?: string];
  /** Error statuses this operation answers besides 401 and 503. */
  readonly errors?: readonly number[];
  /** Rate limited (every /v1 operation but enforcement). */
  readonly limited?: boolean;
}

/**
 * One decorator per operation: its id, summary, success schema and every error status with the
 * problem schema, so the document can drive a typed client and nothing is left undeclared.
 */
export function ApiOperationDoc(doc: OperationDoc) {
  const [status, model, description] = doc.ok;
  const errors = [...new Set([...(doc.errors ?? []), ...ALWAYS, ...(doc.limited === false ? [] : [429])])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemModel),
    ApiOperation({ operationId: doc.id, summary: doc.summary, description: doc.description }),
    ApiResponse({ status, description: description ?? 'OK', ...(model ? { type: model } : {}) }),
    ...errors.map((code) =>
      ApiResponse({
        status: code,
        description: ERROR_DESCRIPTIONS[code] ?? 'problem details',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemModel) } } },
      }),
    ),
  );
}
