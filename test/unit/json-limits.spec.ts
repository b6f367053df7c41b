import { describe, expect, it } from 'vitest';
import { JSON_LIMITS, jsonLimitBroken, scanForBrokenLimit } from '../../src/platform/http/json-limits.js';

const SMALL = { maxDepth: 3, maxArrayItems: 4, maxObjectKeys: 3 };

describe('jsonLimitBroken', () => {
  it('names each limit a body breaks', () => {
    expect(jsonLimitBroken('['.repeat(17) + ']'.repeat(17))).toBe('the body nests deeper than 16 levels');
    expect(jsonLimitBroken(`[${'0,'.repeat(1000)}0]`)).toBe('an array of the body has more than 1000 items');
    expect(jsonLimitBroken(`{${Array.from({ length: 101 }, (_, i) => `"k${i}":0`).join(',')}}`)).toBe(
      'an object of the body has more than 100 members',
    );
    expect(jsonLimitBroken('{"surface":"delegated_admin","claims":{"tid":"x","oid":"y","amr":["pwd"]}}')).toBeNull();
  });

  it('answers as the full scan does, short cut or not, on every small text of the characters that matter', () => {
    const alphabet = ['{', '}', '[', ']', ',', '"', '\\', 'a', ':'];
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % alphabet.length;
    let shortCut = 0;
    for (let run = 0; run < 20_000; run++) {
      const text = Array.from({ length: 1 + (run % 12) }, () => alphabet[next()]).join('');
      const expected = scanForBrokenLimit(text, SMALL);
      expect(jsonLimitBroken(text, SMALL), text).toBe(expected);
      if (text.length <= 6 && expected === null) shortCut++;
    }
    // The random texts did exercise the short cut (and the scan beside it).
    expect(shortCut).toBeGreaterThan(1000);
  });

  it('scans a text longer than twice the smaller count limit', () => {
    const flat = `[${'0,'.repeat(JSON_LIMITS.maxObjectKeys)}0]`;
    expect(flat.length).toBeGreaterThan(2 * JSON_LIMITS.maxObjectKeys);
    expect(jsonLimitBroken(flat)).toBeNull();
  });
});
