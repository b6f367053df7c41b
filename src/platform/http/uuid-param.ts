import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from './validation.js';

/** A path parameter that must be a UUID: anything else is 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      version: 'all',
      exceptionFactory: () => new RequestValidationError(400, [{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
