// Limits on the shape of a JSON body, checked on the raw text before it is parsed. A body nested a
// few thousand levels deep is only a few kilobytes, yet it overflowed the stack of the validators
// that walk it; a flat array of a hundred thousand items ties the event loop up in validation. The
// scan is linear, allocates nothing per character, and answers before any object is built.

export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxArrayItems: number;
  readonly maxObjectKeys: number;
}

/** Far beyond any body of this API (the deepest is 3 levels, the longest array 500 items). */
export const JSON_LIMITS: JsonLimits = { maxDepth: 16, maxArrayItems: 1000, maxObjectKeys: 100 };

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Which limit the text breaks, as a sentence naming it; null when it keeps all of them. */
export function jsonLimitBroken(text: string, limits: JsonLimits = JSON_LIMITS): string | null {
  return withinAllLimits(text, limits) ? null : scanForBrokenLimit(text, limits);
}

/** The full scan (what jsonLimitBroken answers when the text is not plainly within the limits). */
export function scanForBrokenLimit(text: string, limits: JsonLimits): string | null {
  // Per open container: whether it is an array, and how many commas it has seen so far.
  const isArray: boolean[] = [];
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (isArray.length >= limits.maxDepth) return `the body nests deeper than ${limits.maxDepth} levels`;
      isArray.push(c === OPEN_ARRAY);
      commas.push(0);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      commas.pop();
    } else if (c === COMMA && commas.length > 0) {
      const top = commas.length - 1;
      const items = ++commas[top] + 1;
      if (isArray[top] && items > limits.maxArrayItems) return `an array of the body has more than ${limits.maxArrayItems} items`;
      if (!isArray[top] && items > limits.maxObjectKeys) return `an object of the body has more than ${limits.maxObjectKeys} members`;
    }
  }
  return null;
}

/**
 * A sure "yes" without the scan, for the small bodies of the enforcement hot path: a container of n
 * items takes at least 2n - 1 characters, so no count limit can be broken by a text of at most twice
 * the smaller one; and no text with at most maxDepth brackets in all (strings included) nests deeper.
 */
function withinAllLimits(text: string, limits: JsonLimits): boolean {
  if (text.length > 2 * Math.min(limits.maxArrayItems, limits.maxObjectKeys)) return false;
  let brackets = 0;
  for (const open of ['{', '[']) {
    for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
      if (++brackets > limits.maxDepth) return false;
    }
  }
  return true;
}
