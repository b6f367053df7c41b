import type { Locale } from './known-issues.js';

/**
 * Accept-Language negotiation (RFC 9110 section 12.5.4) over the locales the catalogue is written in.
 * Matching is by primary subtag only: "ja-JP" and "ja" both get the Japanese text.
 */

// Order matters: when "*" is the only reason two locales are acceptable, the first one wins.
const SUPPORTED: readonly Locale[] = ['en', 'ja'];
const DEFAULT_LOCALE: Locale = 'en';

// language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"
const LANGUAGE_RANGE = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
// qvalue = ("0" ["." 0*3DIGIT]) / ("1" ["." 0*3("0")])
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

interface Preference {
  readonly range: string; // lower-cased primary subtag, or "*"
  readonly q: number;
  readonly position: number;
}

function parseEntry(entry: string, position: number): Preference | undefined {
  const [rangePart, ...params] = entry.split(';').map((part) => part.trim());
  if (!rangePart || !LANGUAGE_RANGE.test(rangePart)) return undefined;
  // Accept-Language allows no parameter other than one weight; anything else makes the entry malformed.
  if (params.length > 1) return undefined;

  let q = 1;
  if (params.length === 1) {
    const match = /^q\s*=\s*(.*)$/i.exec(params[0]);
    if (!match || !QVALUE.test(match[1])) return undefined;
    q = Number(match[1]);
  }

  return { range: rangePart.split('-')[0].toLowerCase(), q, position };
}

export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;

  const preferences: Preference[] = [];
  acceptLanguage.split(',').forEach((entry, position) => {
    const parsed = parseEntry(entry.trim(), position);
    if (parsed) preferences.push(parsed);
  });

  let best: { locale: Locale; q: number; position: number } | undefined;
  for (const locale of SUPPORTED) {
    // An explicit range outranks "*" for the same locale, even when "*" has a higher weight:
    // "en;q=0, *" means "anything but English".
    const explicit = preferences.filter((p) => p.range === locale);
    const candidates = explicit.length > 0 ? explicit : preferences.filter((p) => p.range === '*');
    for (const c of candidates) {
      // q=0 means "not acceptable"; strict comparisons keep the earliest entry on ties.
      if (c.q <= 0) continue;
      if (!best || c.q > best.q || (c.q === best.q && c.position < best.position)) {
        best = { locale, q: c.q, position: c.position };
      }
    }
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
