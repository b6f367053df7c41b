// Decides what each clause of a ticket does: is it the ask, or background the ask is set against (a
// problem already fixed, an exception already granted, a plan, a side remark)? A background marker
// colours its whole sentence, except the parts that turn to the matter at hand ("but now...",
// "しかし") or themselves ask for something. Each title part is read on its own.

import type { Clause } from './ticket-structure.js';
import { NO_REQUEST, REQUEST } from './signals/asking.js';
import {
  ASIDE,
  CONDITION,
  EXISTING_EXCEPTION,
  HYPOTHETICAL,
  RESOLVED,
  THIRD_PARTY_WORKS,
  TITLE_NOTE_GRANTED,
  TITLE_NOTE_RESOLVED,
  TURN,
  TURN_AFTER,
} from './signals/context.js';

export type ClauseRole = 'ask' | 'resolved' | 'existing_exception' | 'hypothetical' | 'aside';

export interface ReadClause extends Clause {
  readonly role: ClauseRole;
  /** The background marker that set the role, when the clause carries it itself. */
  readonly marker: string | null;
}

const MARKERS: readonly [Exclude<ClauseRole, 'ask'>, RegExp][] = [
  ['resolved', THIRD_PARTY_WORKS],
  ['resolved', RESOLVED],
  ['existing_exception', EXISTING_EXCEPTION],
  ['hypothetical', HYPOTHETICAL],
  ['aside', ASIDE],
  // "例外は不要です" about one group, while another is asked for: that group is a side remark.
  ['aside', NO_REQUEST],
];

export function readRoles(clauses: readonly Clause[]): ReadClause[] {
  const own = clauses.map((clause) => {
    for (const [role, pattern] of MARKERS) {
      const match = pattern.exec(clause.text);
      if (match) return { role, marker: match[0].trim() };
    }
    return null;
  });
  // A segment runs within one sentence from one turn (or ask) to the next; a marker colours its segment.
  const segment: number[] = [];
  clauses.forEach((clause, i) => {
    const previous = clauses[i - 1];
    const newSentence = !previous || previous.sentence !== clause.sentence || clause.inTitle;
    const onCondition = !!previous && own[i - 1]?.role === 'hypothetical' && CONDITION.test(previous.text);
    const request = REQUEST.test(clause.text) && !onCondition;
    const starts = newSentence || TURN.test(clause.text) || TURN_AFTER.test(previous.text) || request;
    segment.push(starts ? i : segment[i - 1]);
  });
  // A title's status note colours the title part it follows.
  clauses.forEach((clause, i) => {
    const note = clause.inTitle && i > 0 && clauses[i - 1].inTitle ? titleNote(clause.text) : null;
    if (note && own[i - 1] === null) own[i - 1] = { role: note, marker: clause.text.trim() };
  });
  return clauses.map((clause, i) => {
    const mine = own[i];
    if (mine) return { ...clause, ...mine };
    const marked = clauses.findIndex((_, j) => segment[j] === segment[i] && own[j] !== null);
    return { ...clause, role: marked >= 0 ? own[marked]!.role : 'ask', marker: null };
  });
}

function titleNote(text: string): Exclude<ClauseRole, 'ask'> | null {
  if (TITLE_NOTE_RESOLVED.test(text)) return 'resolved';
  return TITLE_NOTE_GRANTED.test(text) ? 'existing_exception' : null;
}
