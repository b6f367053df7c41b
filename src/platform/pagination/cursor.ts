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
export function encodeCursor(kind: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string | undefined, length: number): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded[0] === kind && decoded.length === length + 1) {
      return decoded.slice(1) as (string | number)[];
    }
  } catch {
    // fall through: not a cursor we issued
  }
  throw new RequestValidationError(400, [{ field: 'cursor', message: 'is not a cursor this list issued' }]);
}

/** Fetch limit + 1 rows; the extra row says whether there is a next page. */
export function toPage<Row, Item>(rows: Row[], limit: number, kind: string, keyOf: (row: Row) => (string | number)[], view: (row: Row) => Item): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(kind, keyOf(last)) : null,
  };
}
