import { describe, it, expect } from 'vitest';
import {
  KNOWN_ISSUES,
  findKnownIssue,
  localizeKnownIssue,
  type KnownIssue,
  type LocalizedText,
} from '../../src/classification/domain/known-issues.js';

// Hiragana, katakana or CJK ideographs: proof the text was written in Japanese, not left in English.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function textsOf(issue: KnownIssue): [string, LocalizedText][] {
  return [
    ['title', issue.title],
    ['situation', issue.situation],
    ['guidance', issue.guidance],
    ...issue.requiredDetails.map((d): [string, LocalizedText] => [`requiredDetails.${d.field}`, d.description]),
  ];
}

describe('known issues catalogue', () => {
  it('lists seven issues numbered 1 to 7 in order', () => {
    expect(KNOWN_ISSUES.map((issue) => issue.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('marks exactly issues 6 and 7 as possibly valid reasons for an exception', () => {
    const mayBeValid = KNOWN_ISSUES.filter((issue) => issue.eligibility === 'may_be_valid').map((i) => i.number);
    expect(mayBeValid).toEqual([6, 7]);
    for (const issue of KNOWN_ISSUES.filter((i) => i.number <= 5)) {
      expect(issue.eligibility).toBe('not_valid');
    }
  });

  it('has non-empty text in both languages, and the Japanese text is Japanese', () => {
    for (const issue of KNOWN_ISSUES) {
      for (const [name, text] of textsOf(issue)) {
        expect(text.en.trim(), `issue ${issue.number} ${name} (en)`).not.toBe('');
        expect(text.ja.trim(), `issue ${issue.number} ${name} (ja)`).not.toBe('');
        expect(text.ja, `issue ${issue.number} ${name} (ja)`).toMatch(JAPANESE);
        expect(text.en, `issue ${issue.number} ${name} (en)`).not.toMatch(JAPANESE);
      }
    }
  });

  it('keeps titles on one line', () => {
    for (const issue of KNOWN_ISSUES) {
      expect(issue.title.en).not.toMatch(/\n/);
      expect(issue.title.ja).not.toMatch(/\n/);
    }
  });

  it('asks for no details on the issues that are not valid reasons', () => {
    for (const issue of KNOWN_ISSUES.filter((i) => i.eligibility === 'not_valid')) {
      expect(issue.requiredDetails).toEqual([]);
    }
  });

  it('requires the third-party MFA provider, integration method and provider confirmation for issue 7', () => {
    expect(findKnownIssue(7)?.requiredDetails.map((d) => d.field)).toEqual([
      'thirdPartyMfa.provider',
      'thirdPartyMfa.integrationMethod',
      'thirdPartyMfa.providerConfirmedClaimCannotFlow',
    ]);
  });

  it('names both integration methods the seed mentions in issue 7', () => {
    const method = findKnownIssue(7)?.requiredDetails.find((d) => d.field === 'thirdPartyMfa.integrationMethod');
    expect(method?.description.en).toContain('identity_federation');
    expect(method?.description.en).toContain('custom_controls');
  });

  it('requires the affected users and the blocked services for issue 6', () => {
    expect(findKnownIssue(6)?.requiredDetails.map((d) => d.field)).toEqual(['affectedUserIds', 'description']);
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(KNOWN_ISSUES)).toBe(true);
    for (const issue of KNOWN_ISSUES) {
      expect(Object.isFrozen(issue)).toBe(true);
      expect(Object.isFrozen(issue.title)).toBe(true);
      expect(Object.isFrozen(issue.situation)).toBe(true);
      expect(Object.isFrozen(issue.guidance)).toBe(true);
      expect(Object.isFrozen(issue.requiredDetails)).toBe(true);
      for (const detail of issue.requiredDetails) {
        expect(Object.isFrozen(detail)).toBe(true);
        expect(Object.isFrozen(detail.description)).toBe(true);
      }
    }
    expect(() => {
      (KNOWN_ISSUES[0].title as { en: string }).en = 'changed';
    }).toThrow(TypeError);
  });
});

describe('findKnownIssue', () => {
  it('finds an issue by its number', () => {
    expect(findKnownIssue(4)?.number).toBe(4);
  });

  it('answers undefined for numbers outside the catalogue', () => {
    expect(findKnownIssue(0)).toBeUndefined();
    expect(findKnownIssue(8)).toBeUndefined();
    expect(findKnownIssue(6.5)).toBeUndefined();
    expect(findKnownIssue(Number.NaN)).toBeUndefined();
  });
});

describe('localizeKnownIssue', () => {
  const issue7 = findKnownIssue(7)!;

  it('gives the English text for en', () => {
    const view = localizeKnownIssue(issue7, 'en');
    expect(view).toMatchObject({
      number: 7,
      eligibility: 'may_be_valid',
      title: issue7.title.en,
      situation: issue7.situation.en,
      guidance: issue7.guidance.en,
    });
    expect(view.requiredDetails[0]).toEqual({
      field: 'thirdPartyMfa.provider',
      description: issue7.requiredDetails[0].description.en,
    });
  });

  it('gives the Japanese text for ja', () => {
    const view = localizeKnownIssue(issue7, 'ja');
    expect(view.title).toBe(issue7.title.ja);
    expect(view.situation).toBe(issue7.situation.ja);
    expect(view.guidance).toBe(issue7.guidance.ja);
    expect(view.requiredDetails.map((d) => d.description)).toEqual(issue7.requiredDetails.map((d) => d.description.ja));
    expect(view.requiredDetails.map((d) => d.field)).toEqual(issue7.requiredDetails.map((d) => d.field));
  });

  it('returns a copy the caller may change without touching the catalogue', () => {
    const view = localizeKnownIssue(issue7, 'en');
    view.requiredDetails.push({ field: 'extra', description: 'extra' });
    expect(issue7.requiredDetails).toHaveLength(3);
  });
});
