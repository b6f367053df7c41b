import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../../shared/domain-error.js';

/**
 * The contract splits bad input in two: 400 when the JSON does not have the right shape (unknown
 * fields, wrong types, missing fields) and 422 when it is well-formed but not allowed (an invalid
 * email, a too-long title, an unknown surface). Query strings and path parameters are always 400.
 */
export class RequestValidationError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly errors: readonly FieldError[],
  ) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

const SHAPE_CONSTRAINTS = new Set([
  'whitelistValidation',
  'unknownValue',
  'nestedValidation',
  'isDefined',
  'isString',
  'isArray',
  'isObject',
  'isBoolean',
  'isInt',
  'isNumber',
]);

export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): { field: string; constraint: string; message: string }[] {
  const out: { field: string; constraint: string; message: string }[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, constraint, message: constraint === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function toRequestValidationError(errors: readonly ValidationError[]): RequestValidationError {
  const flat = flattenValidationErrors(errors);
  const shapeWrongFields = new Set(flat.filter((e) => SHAPE_CONSTRAINTS.has(e.constraint)).map((e) => e.field));
  // A field of the wrong shape is reported for that alone: its length or format say nothing more.
  const relevant = flat.filter((e) => !shapeWrongFields.has(e.field) || SHAPE_CONSTRAINTS.has(e.constraint));
  return new RequestValidationError(
    shapeWrongFields.size > 0 ? 400 : 422,
    relevant.map(({ field, message }) => ({ field, message })),
  );
}

export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => toRequestValidationError(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      // An absent body is an empty object, so that "field is required" names the field.
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new RequestValidationError(400, [{ field: '(body)', message: 'the body must be a JSON object' }]);
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RequestValidationError && metadata.type !== 'body') {
        throw new RequestValidationError(400, error.errors);
      }
      throw error;
    }
  }
}
