import { RequestValidationError } from '../http/validation.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset cursors: the sort key of the last item, opaque to clients. A page never skips or repeats
 * a row that existed when the first page was read, whatever is inserted meanwhile.
 */
export function encodeCursor(kind: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

/** What each position of a cursor holds: checked on decoding, since clients can send anything. */
export type CursorField = 'timestamp' | 'uuid' | 'sequence';

const MAX_BIGINT = 2n ** 63n - 1n;
const FIELD_CHECKS: Record<CursorField, (value: unknown) => boolean> = {
  // The exact form we issue, and a real instant PostgreSQL accepts (Date.parse would roll 30 Feb over).
  timestamp: (v) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !v.startsWith('0000') && isExactInstant(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  sequence: (v) => typeof v === 'string' && /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_BIGINT,
};

function isExactInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function decodeCursor(kind: string, cursor: string | undefined, fields: readonly CursorField[]): string[] | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(decoded) &&
      decoded[0] === kind &&
      decoded.length === fields.length + 1 &&
      fields.every((field, i) => FIELD_CHECKS[field](decoded[i + 1]))
    ) {
      return decoded.slice(1) as string[];
    }
  } catch {
    // fall through: not a cursor we issued
  }
  throw new RequestValidationError(400, [{ field: 'cursor', message: 'is not a cursor this list issued' }]);
}

/** Fetch limit + 1 rows; the extra row says whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  kind: string,
  keyOf: (row: Row) => string[],
  view: (row: Row) => Item,
): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(kind, keyOf(last)) : null,
  };
}
