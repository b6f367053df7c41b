import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isEmail, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';

/** Trims surrounding white space from a string field before validation. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A query parameter given as one value or a comma-separated list, as an array of trimmed values. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value));

// Characters that show nothing: white space, format characters (zero-width space and joiners, BOM,
// bidi marks: \p{Cf}), and the fillers that render blank (Hangul fillers, braille blank).
const INVISIBLE = /[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;

/** Whether a text has at least one character a person would see. */
export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE, '').length > 0;
}

/** A text field with at least one visible character (white space and zero-width characters do not count). */
export const NotBlank = () =>
  ValidateBy({
    name: 'notBlank',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || hasVisibleText(value),
      defaultMessage: (args) => `${args?.property ?? 'text'} must not be empty`,
    },
  });

// ISO-8601 as the contract writes times: a calendar date and a time with a UTC offset, or a bare
// calendar date (midnight UTC). Week dates (2026-W48-1), ordinal dates (2026-332) and local times
// without an offset name no single instant.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether a string is an ISO-8601 date-time with an offset that names a real instant. */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return false;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  // Date.parse rolls 2026-02-30 over to March: the calendar date must survive the round trip.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An instant such as 2026-11-24T09:00:00.000Z. */
export const IsDateTime = (message?: string) =>
  ValidateBy({
    name: 'isDateTime',
    validator: {
      validate: (value: unknown) => isDateTime(value),
      defaultMessage: (args) =>
        message ??
        `${args?.property ?? 'value'} must be an ISO-8601 date-time with an offset, such as 2026-11-24T09:00:00Z (or a date, 2026-11-24)`,
    },
  });

// NUL cannot be stored by PostgreSQL, and other control characters (tab and line breaks aside) are
// never meant in free text: refused as bad input rather than failing at the database.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
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

/**
 * An email address. validator.js throws on text that is not well-formed Unicode (URIError on a lone
 * surrogate), which would surface as a 500: such text is simply not an address.
 */
export const IsEmailAddress = () =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.isWellFormed() && isEmail(value),
      defaultMessage: (args) => `${args?.property ?? 'email'} must be an email address`,
    },
  });
