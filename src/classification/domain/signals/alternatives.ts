// Signal patterns are long unions of phrases. Written as one regex literal they become lines no reviewer
// can read; written as arrays, each alternative sits on its own line and can be reviewed, blamed and
// removed on its own.

/** Raw template strings: backslashes stay as written, so a line reads exactly like the regex it adds. */
export const r = String.raw;

/** One pattern matching any of the alternatives (each a regex source). */
export function alternatives(parts: readonly string[], flags = ''): RegExp {
  return new RegExp(parts.join('|'), flags);
}

/** A capturing group of alternatives, to be concatenated into a larger alternative. */
export function group(parts: readonly string[]): string {
  return `(${parts.join('|')})`;
}
