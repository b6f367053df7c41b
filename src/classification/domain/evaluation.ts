// Accuracy figures for the classifier over a labelled corpus: plain functions, used by
// `npm run eval:classifier` and by the unit test that keeps the held-out bar.

import { classify, type ClassifierInput, type ClassificationResult } from './classifier.js';
import { findKnownIssue, type KnownIssueNumber } from './known-issues.js';

export interface CorpusCase extends ClassifierInput {
  readonly id: string;
  readonly lang: 'en' | 'ja' | 'mixed';
  readonly label: KnownIssueNumber | null;
  readonly note?: string;
}

export interface Prediction {
  readonly case: CorpusCase;
  readonly result: ClassificationResult;
  readonly correct: boolean;
}

export type ClassLabel = KnownIssueNumber | 'none';
export const CLASS_LABELS: readonly ClassLabel[] = [1, 2, 3, 4, 5, 6, 7, 'none'];

export interface Report {
  readonly total: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly byLanguage: Record<string, { total: number; accuracy: number }>;
  /** confusion[actual][predicted] */
  readonly confusion: Record<string, Record<string, number>>;
  /** Cases whose true issue is not valid but were called "may be valid" with confidence above 0.8. */
  readonly unsafe: Prediction[];
  /**
   * Cases whose true label is a not-valid issue (1-5) or none but were called 6 or 7, at any
   * confidence: the most costly error, since it tells a partner a reason may be accepted when it will not.
   */
  readonly costly: Prediction[];
  /** costly.length over the number of cases whose true label is 1-5 or none (0 when there are none). */
  readonly costlyRate: number;
  readonly errors: Prediction[];
}

const labelOf = (n: KnownIssueNumber | null): ClassLabel => n ?? 'none';

export function evaluate(cases: readonly CorpusCase[]): Report {
  const predictions = cases.map((c): Prediction => {
    const result = classify(c);
    return { case: c, result, correct: result.knownIssue === c.label };
  });
  const confusion: Record<string, Record<string, number>> = {};
  for (const actual of CLASS_LABELS) {
    confusion[actual] = Object.fromEntries(CLASS_LABELS.map((p) => [p, 0]));
  }
  for (const p of predictions) confusion[labelOf(p.case.label)][labelOf(p.result.knownIssue)]++;

  const f1s = CLASS_LABELS.filter((label) => predictions.some((p) => labelOf(p.case.label) === label)).map((label) => {
    const tp = confusion[label][label];
    const fp = CLASS_LABELS.reduce((sum, actual) => sum + (actual === label ? 0 : confusion[actual][label]), 0);
    const fn = CLASS_LABELS.reduce((sum, predicted) => sum + (predicted === label ? 0 : confusion[label][predicted]), 0);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });

  const byLanguage: Record<string, { total: number; accuracy: number }> = {};
  for (const lang of [...new Set(cases.map((c) => c.lang))].sort()) {
    const ofLang = predictions.filter((p) => p.case.lang === lang);
    byLanguage[lang] = { total: ofLang.length, accuracy: ratio(ofLang.filter((p) => p.correct).length, ofLang.length) };
  }
  const notMayBeValid = predictions.filter((p) => p.case.label === null || findKnownIssue(p.case.label)!.eligibility === 'not_valid');
  const costly = notMayBeValid.filter((p) => p.result.eligibility === 'may_be_valid');
  return {
    total: predictions.length,
    accuracy: ratio(predictions.filter((p) => p.correct).length, predictions.length),
    macroF1: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length),
    byLanguage,
    confusion,
    unsafe: predictions.filter(
      (p) =>
        p.case.label !== null &&
        findKnownIssue(p.case.label)!.eligibility === 'not_valid' &&
        p.result.eligibility === 'may_be_valid' &&
        p.result.confidence > 0.8,
    ),
    costly,
    costlyRate: ratio(costly.length, notMayBeValid.length),
    errors: predictions.filter((p) => !p.correct),
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
