import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';

/** Trims surrounding white space from a string field before validation. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A text field with at least one visible character. */
export const NotBlank = () => Matches(/\S/u, { message: ({ property }) => `${property} must not be empty` });

// NUL cannot be stored by PostgreSQL, and other control characters (tab and line breaks aside) are
// never meant in free text: refused as bad input rather than failing at the database.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/u;
export const NoControlCharacters = () =>
  Matches(NO_CONTROL_CHARACTERS, { message: ({ property }) => `${property} must not contain control characters` });

/** Refuses strings with an unpaired UTF-16 surrogate: they are not text, and jsonb refuses them. */
export const WellFormed = () =>
  ValidateBy({
    name: 'isWellFormed',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value.isWellFormed(),
      defaultMessage: (args) => `${args?.property ?? 'text'} must be well-formed Unicode text`,
    },
  });

/** Free text: a string, trimmed, not blank, without control characters, at most `max` characters. */
export const Text = (max: number, options: { optional?: boolean; allowBlank?: boolean } = {}) =>
  applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    Trim(),
    ...(options.allowBlank ? [] : [NotBlank()]),
    NoControlCharacters(),
    WellFormed(),
    MaxLength(max),
  );
