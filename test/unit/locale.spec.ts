import { describe, it, expect } from 'vitest';
import { pickLocale } from '../../src/classification/domain/locale.js';
import type { Locale } from '../../src/classification/domain/known-issues.js';

// [header, expected, why]
type Case = [string | undefined | null, Locale, string];

describe('pickLocale', () => {
  it.each<Case>([
    [undefined, 'en', 'no header'],
    [null, 'en', 'no header (null)'],
    ['', 'en', 'empty header'],
    ['ja', 'ja', 'plain Japanese'],
    ['ja-JP', 'ja', 'region subtag is ignored'],
    ['JA-jp', 'ja', 'matching is case-insensitive'],
    ['en-US,ja;q=0.9', 'en', 'first entry has the higher implicit weight'],
    ['ja;q=0.5,en;q=0.8', 'en', 'highest weight wins regardless of order'],
    ['fr, ja;q=0.1', 'ja', 'unsupported languages are skipped, even with a low weight left'],
    ['ja;q=0', 'en', 'q=0 means not acceptable'],
    ['*', 'en', 'any language: the default'],
    ['en;q=0, *', 'ja', '"*" means any language not named, and English was refused'],
    ['ja, en', 'ja', 'ties go to the earlier entry'],
    ['en;q=0.5, ja;q=0.5', 'en', 'ties go to the earlier entry, whatever the language'],
    ['fr-FR, de;q=0.9', 'en', 'nothing supported: the default'],
    ['ja-JP;q=0.9, ja;q=0', 'ja', 'one acceptable Japanese range is enough'],
    ['ja ; q=0.7 , en;q=0.6', 'ja', 'whitespace around separators is allowed'],
    ['JA;Q=1.000', 'ja', 'the q parameter name is case-insensitive; up to three zero decimals'],
  ])('%j -> %s (%s)', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it.each([
    'garbage!!',
    ';;;,,,',
    'ja;q=abc',
    'ja;q=1.5',
    'ja;q=0.12345',
    'ja;q=-1',
    'ja;level=1',
    'ja;q=0.5;q=0.6',
    'ja-toolongsubtag',
    '日本語',
  ])('ignores the malformed entry %j', (header) => {
    expect(pickLocale(header)).toBe('en');
  });

  it('still honours the well-formed entries next to a malformed one', () => {
    expect(pickLocale('??, ja;q=0.8, en;q=bad')).toBe('ja');
  });
});
