import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Trims surrounding white space from a string field before validation. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A text field with at least one visible character. */
export const NotBlank = () => Matches(/\S/u, { message: ({ property }) => `${property} must not be empty` });
