import { parse as parseQuery } from 'node:querystring';

/** The three parameters a status call reads: a string each, or an array when given more than once. */
export type StatusParams = Partial<Record<'tenantId' | 'userId' | 'surface', string | string[]>>;

const KEYS = new Set(['tenantId', 'userId', 'surface']);
/** node:querystring reads at most this many pairs. */
const MAX_PAIRS = 1000;

/**
 * The status parameters of a query string, exactly as `querystring.parse` gives them, without its
 * generic work (a status call's query has three plain pairs, asked on every protected sign-in).
 * Anything that needs decoding (`%`, `+`) or could pass `querystring`'s pair limit is parsed by it.
 */
export function statusParams(query: string): StatusParams {
  if (query.includes('%') || query.includes('+')) return pick(parseQuery(query));
  const params: Record<string, string | string[]> = {};
  let start = 0;
  for (let pairs = 0; start <= query.length; pairs++) {
    if (pairs === MAX_PAIRS) return pick(parseQuery(query));
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    const equals = query.indexOf('=', start);
    const key = equals >= 0 && equals < end ? query.slice(start, equals) : query.slice(start, end);
    if (KEYS.has(key)) {
      const value = equals >= 0 && equals < end ? query.slice(equals + 1, end) : '';
      const held = params[key];
      params[key] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value];
    }
    start = end + 1;
  }
  return params;
}

function pick(parsed: Record<string, string | string[] | undefined>): StatusParams {
  const params: Record<string, string | string[]> = {};
  for (const key of KEYS) {
    const value = parsed[key];
    if (value !== undefined) params[key] = value;
  }
  return params;
}
