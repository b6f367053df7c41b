// The classifier's ledger: every signal that matched, the score it gives each known issue, and the
// penalty that counts against all of them. Scores change only by adding a named signal, so the
// result can list exactly what decided it.

import type { Candidate, MatchedSignal } from './classification.js';
import type { KnownIssueNumber } from './known-issues.js';
import { DONE_CLAUSE, SIGNALS } from './signals/index.js';
import type { ReadClause } from './ticket-reading.js';

export const ISSUES: readonly KnownIssueNumber[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * On equal scores: a named technical blocker (3-5) before a rollout that needs time (1, 2), since most
 * tickets mention agents and customers as context; the may-be-valid issues last, being the costly call.
 */
const TIE_ORDER: readonly KnownIssueNumber[] = [3, 4, 5, 1, 2, 6, 7];

export class Evidence {
  readonly signals: MatchedSignal[] = [];
  /** Subtracted from every issue's score: the text is not an exception request, or not only one. */
  penalty = 0;
  private readonly sums = new Map<KnownIssueNumber, number>(ISSUES.map((n) => [n, 0]));

  add(signal: MatchedSignal): void {
    this.signals.push(signal);
    for (const [issue, weight] of Object.entries<number>(signal.weights)) {
      const n = Number(issue) as KnownIssueNumber;
      this.sums.set(n, this.sums.get(n)! + weight);
    }
  }

  has(id: string): boolean {
    return this.signals.some((s) => s.id === id);
  }

  score(n: KnownIssueNumber): number {
    return this.sums.get(n)!;
  }

  /** Takes the (positive) scores of some issues out, as one signal saying why. */
  remove(id: string, match: string, issues: readonly KnownIssueNumber[]): void {
    const weights: Partial<Record<KnownIssueNumber, number>> = {};
    for (const n of issues) if (this.score(n) > 0) weights[n] = -this.score(n);
    this.add({ id, match, weights });
  }

  abstain(id: string, match: string, penalty: number): void {
    this.penalty += penalty;
    this.signals.push({ id, match, weights: {} });
  }

  /** Issues with a positive score after the penalty, best first. */
  candidates(): Candidate[] {
    return ISSUES.map((knownIssue) => ({ knownIssue, score: round(Math.max(0, this.score(knownIssue) - this.penalty)) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.knownIssue) - TIE_ORDER.indexOf(b.knownIssue));
  }
}

/**
 * The issue signals matched in some clauses. Group signals (who is affected) are read clause by clause
 * and skip a clause saying that group already has MFA ("12 名は登録済み") or one their `notIn` pattern
 * matches ("no DAP"); the others read the clauses as one text.
 */
export function matchSignals(clauses: readonly ReadClause[]): MatchedSignal[] {
  if (clauses.length === 0) return [];
  const text = joinText(clauses);
  const open = clauses.map((c) => c.text).filter((clause) => !DONE_CLAUSE.test(clause));
  const signals: MatchedSignal[] = [];
  for (const signal of SIGNALS) {
    const readable = signal.notIn ? open.filter((clause) => !signal.notIn!.test(clause)) : open;
    const match = signal.group ? firstMatch(signal.pattern, readable) : signal.pattern.exec(text);
    if (match) signals.push({ id: signal.id, match: match[0].trim(), weights: signal.weights });
  }
  return signals;
}

/** Per-issue totals of some signals, outside any ledger. */
export function sumWeights(signals: readonly MatchedSignal[]): Map<KnownIssueNumber, number> {
  const evidence = new Evidence();
  for (const signal of signals) evidence.add(signal);
  return new Map(ISSUES.map((n) => [n, evidence.score(n)]));
}

export function joinText(clauses: readonly { text: string }[]): string {
  return clauses
    .map((c) => c.text)
    .join('')
    .replace(/ {2,}/g, ' ');
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function firstMatch(pattern: RegExp, clauses: readonly string[]): RegExpExecArray | null {
  for (const clause of clauses) {
    const match = pattern.exec(clause);
    if (match) return match;
  }
  return null;
}
