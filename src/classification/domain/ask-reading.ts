// Reads what a ticket asks for as a whole, once its clauses have roles (ticket-reading.ts): background
// sets its issues aside, some whole-ticket facts rule an issue out (the third-party MFA works now, the
// accounts live in the partner's own tenant), and some readings mean no exception is asked for at all
// (a question about an existing exception, a plan, a report, a question). Each reading that changes a
// score is added to the evidence as a named "context:" signal.

import { Evidence, ISSUES, joinText, matchSignals, round, sumWeights } from './evidence.js';
import type { KnownIssueNumber } from './known-issues.js';
import {
  BARE_EXCEPTION_QUESTION,
  ELIGIBILITY_QUESTION,
  ENDS_EXCEPTION,
  EXISTING_QUESTION,
  FAILURE,
  NO_REQUEST,
  QUESTION,
  REQUEST,
} from './signals/asking.js';
import { OWN_TENANT, THIRD_PARTY_WORKS } from './signals/context.js';
import type { ClauseRole, ReadClause } from './ticket-reading.js';

/** Evidence of this much names an issue (the classifier's MIN_SCORE for 1-5). */
const NAMED_SCORE = 3;
/** Evidence of this much for an issue in background clauses makes that issue the background's. */
const BACKGROUND_TOPIC = 3;
/** Subtracted from every issue when the ticket is a question, a plan or a report rather than an ask. */
const NOT_ASKING_PENALTY = 20;
/** Issue signals that state a blocker by themselves ("not recognised", "not rolled out", "no phones"). */
const PROBLEM_SIGNALS = [
  'needs_more_time',
  'mfa_not_rolled_out',
  'unattended',
  'authenticator_unusable',
  'no_phones_allowed',
  'legacy_auth',
  'mail_stops',
  'module_without_mfa',
  'mfa_claim_not_passed',
];
const BACKGROUND_ROLES: readonly Exclude<ClauseRole, 'ask'>[] = ['resolved', 'existing_exception', 'hypothetical', 'aside'];

export interface Ticket {
  readonly clauses: readonly ReadClause[];
  readonly ask: readonly ReadClause[];
  readonly background: readonly ReadClause[];
  readonly askText: string;
  readonly allText: string;
  /** The ask requests something now: an exception, more time, an exclusion. */
  readonly requests: boolean;
  /** The description's list items, if it has a list (listItems). */
  readonly items: readonly (readonly ReadClause[])[];
}

export function describeTicket(clauses: readonly ReadClause[]): Ticket {
  const ask = clauses.filter((c) => c.role === 'ask');
  const askText = joinText(ask);
  return {
    clauses,
    ask,
    background: clauses.filter((c) => c.role !== 'ask'),
    askText,
    allText: joinText(clauses),
    requests: REQUEST.test(askText),
    items: listItems(clauses),
  };
}

/**
 * What background clauses are about is not what is asked now: an issue they name (with some weight)
 * drops out, unless the ask names it more strongly still.
 */
export function setBackgroundAside(evidence: Evidence, ticket: Ticket): void {
  const backgroundSums = sumWeights(matchSignals(ticket.background));
  for (const role of BACKGROUND_ROLES) {
    const ofRole = ticket.background.filter((c) => c.role === role);
    if (ofRole.length === 0) continue;
    const roleSums = sumWeights(matchSignals(ofRole));
    const issues = ISSUES.filter((n) => {
      const score = evidence.score(n);
      return roleSums.get(n)! >= BACKGROUND_TOPIC && score > 0 && score <= backgroundSums.get(n)!;
    });
    const marked = ofRole.find((c) => c.marker) ?? ofRole[0];
    evidence.remove(`context:${role}`, marked.marker ?? marked.text.trim(), issues);
  }
}

/**
 * Issues whose definition is one fact, and the signals that state it: 1 and 2 are about needing more
 * time to roll MFA out, 4 about the Authenticator app being impossible to use, 6 and 7 about something
 * that does not work (the module cannot do MFA; the third-party MFA does not reach the directory).
 * Who is affected (agents, delegated admin, customer tenants: context in most tickets), an app, a
 * module or a vendor named alone is no evidence for them; without one of these signals (or, for 6
 * and 7, a problem stated) in the ask their scores are taken out, as the named reading. Exchange Online
 * PowerShell is named as context often enough (how agents work) that 6 only gives way so to an issue
 * that is itself named: alone, a ticket about it keeps 6. And 6 is about managing customers: Exchange
 * Online PowerShell with no customer or delegated admin named may be the partner's own tenant, so it is
 * not named (context:no_customers).
 */
const DEFINING_EVIDENCE: readonly {
  id: string;
  issues: readonly KnownIssueNumber[];
  needs: readonly string[];
  /** Or a problem stated in the ask in any words ("401", "keeps prompting", 入らない). */
  orFailure?: true;
  /** Taken out only when another issue has evidence enough to be named (the ask is about that one). */
  onlyAgainstOther?: true;
}[] = [
  { id: 'context:no_rollout_time', issues: [1, 2], needs: ['needs_more_time', 'mfa_not_rolled_out', 'rollout_project'] },
  { id: 'context:authenticator_usable', issues: [4], needs: ['authenticator_unusable', 'no_phones_allowed', 'phones_too_old'] },
  { id: 'context:no_module_problem', issues: [6], needs: ['module_without_mfa'], orFailure: true, onlyAgainstOther: true },
  { id: 'context:no_customers', issues: [6], needs: ['uses_delegated_admin', 'customer_tenants', 'reaches_customers'] },
  { id: 'context:no_claim_problem', issues: [7], needs: ['mfa_claim_not_passed', 'provider_confirmed'], orFailure: true },
];

export function requireDefiningEvidence(evidence: Evidence, ticket: Ticket): void {
  for (const { id, issues, needs, orFailure, onlyAgainstOther } of DEFINING_EVIDENCE) {
    if (needs.some((signal) => evidence.has(signal))) continue;
    if (orFailure && FAILURE.test(ticket.askText)) continue;
    if (onlyAgainstOther && !ISSUES.some((n) => !issues.includes(n) && evidence.score(n) >= NAMED_SCORE)) continue;
    // The reading names the strongest signal it sets aside.
    const named = evidence.signals
      .filter((s) => issues.some((n) => (s.weights[n] ?? 0) > 0))
      .sort((a, b) => Math.max(...issues.map((n) => b.weights[n] ?? 0)) - Math.max(...issues.map((n) => a.weights[n] ?? 0)))[0];
    if (named) evidence.remove(id, named.match, issues);
  }
}

/** Facts about the whole ticket that rule one issue out. */
export function ruleOutIssues(evidence: Evidence, ticket: Ticket): void {
  const ruleOut = (id: string, match: RegExpExecArray | null, n: KnownIssueNumber) => {
    if (match) evidence.remove(id, match[0].trim(), [n]);
  };
  // The third-party MFA reaches the directory now (a claim rule was added): not issue 7.
  ruleOut('context:third_party_works', THIRD_PARTY_WORKS.exec(ticket.allText), 7);
  // Exchange Online PowerShell against the partner's own tenant is not issue 6, unless the ask also
  // says the same people reach customers.
  const namesCustomers = evidence.has('uses_delegated_admin') || evidence.has('customer_tenants');
  const reachesCustomers = namesCustomers && !evidence.has('does_not_use_delegated_admin');
  ruleOut('context:own_tenant', reachesCustomers ? null : OWN_TENANT.exec(ticket.allText), 6);
}

/**
 * Exchange Online PowerShell against the partner's own tenant (context:own_tenant) is not 6, but the
 * people who run it are still asking: admins who only touch the partner's own tenant are issue 2
 * (LABELLING.md), unless an unattended job or a device account makes it 3. So when the ticket requests
 * something and nothing else has evidence enough to be named, 2 is named, as context:own_tenant_people.
 */
export function readOwnTenantPeople(evidence: Evidence, ticket: Ticket): void {
  const ownTenant = evidence.signals.find((s) => s.id === 'context:own_tenant');
  if (!ownTenant || !ticket.requests) return;
  if (ISSUES.some((n) => evidence.score(n) >= NAMED_SCORE)) return;
  evidence.add({ id: 'context:own_tenant_people', match: ownTenant.match, weights: { 2: NAMED_SCORE - Math.max(0, evidence.score(2)) } });
}

/**
 * The description's list items ("1.", "(2)", "Second,", ②), each with the clauses up to the next one.
 * A marker seen before and followed by words that refer back ("(1)につきましては、社内で対応いたします")
 * refers to its item: that sentence joins the item it names, and the list ends there. A list that
 * starts at its second item ("Please exempt our IMAP users. Second, our kiosk…") has the description
 * before it as its first.
 */
function listItems(clauses: readonly ReadClause[]): ReadClause[][] {
  const items: ReadClause[][] = [];
  const keys: string[] = [];
  let referredTo: { item: ReadClause[]; sentence: number } | null = null;
  for (const clause of clauses) {
    const marker = clause.inTitle ? null : LIST_ITEM.exec(clause.raw);
    if (referredTo) {
      if (clause.sentence !== referredTo.sentence) break;
      referredTo.item.push(clause);
    } else if (marker && keys.includes(itemKey(marker[0])) && REFERS_BACK.test(clause.raw.slice(marker.index + marker[0].length))) {
      referredTo = { item: items[keys.indexOf(itemKey(marker[0]))], sentence: clause.sentence };
      referredTo.item.push(clause);
    } else if (marker) {
      const key = itemKey(marker[0]);
      if (items.length === 0 && key === '2') {
        const before = clauses.filter((c) => !c.inTitle && c.sentence < clause.sentence);
        if (before.length > 0) {
          items.push(before);
          keys.push('1');
        }
      }
      items.push([clause]);
      keys.push(key);
    } else if (items.length > 0) items[items.length - 1].push(clause);
  }
  return items;
}

/** After a list marker seen before: the sentence is about that item (「(1)につきましては」), not a new list. */
const REFERS_BACK = /^\s*(につきまして|について|に関して|の件|は|:? ?(is|was|has been|can be|will be)\b)/iu;

/** A list marker's number, whatever its style: "2.", "(2)", "②", "second", "2点目" are all "2". */
function itemKey(marker: string): string {
  const circled = /[①-⑩]/u.exec(marker);
  if (circled) return String(circled[0].codePointAt(0)! - 0x2460 + 1);
  const digits = /\d+/.exec(marker);
  if (digits) return String(Number(digits[0]));
  const word = /first|second|third|一|二|三/i.exec(marker)?.[0].toLowerCase() ?? marker;
  return String({ first: 1, second: 2, third: 3, 一: 1, 二: 2, 三: 3 }[word] ?? word);
}

/**
 * The ask's text in which an off-topic or how-to question (ABSTAIN_SIGNALS) means the ticket is not
 * an exception request. When a list's first item requests something, a later item's invoice or how-to
 * question is a second matter ("Second, unrelated: our invoice…") and does not cancel the first.
 */
export function abstainText(ticket: Ticket): string {
  const { items } = ticket;
  if (items.length < 2 || items[0].some((c) => c.role !== 'ask') || !REQUEST.test(joinText(items[0]))) return ticket.askText;
  // A bare "please exempt us" first leaves the later items to say what for: they are read whole.
  const issue = itemIssue(items[0]);
  if (issue === null || !FIRST_ASKED_TARGETS.includes(issue)) return ticket.askText;
  const later = new Set(items.slice(1).flat());
  return joinText(ticket.ask.filter((c) => !later.has(c)));
}

/** The issue a list item names on its own (evidence enough to be named), if any. */
function itemIssue(item: readonly ReadClause[]): KnownIssueNumber | null {
  const sums = sumWeights(matchSignals(item));
  const best = ISSUES.reduce((a, b) => (sums.get(b)! > sums.get(a)! ? b : a));
  return sums.get(best)! >= NAMED_SCORE ? best : null;
}

/** A numbered or circled list item's marker at the start of a clause ("1.", "(2)", "②"). */
const LIST_ITEM = /^\s*(\d{1,2}[.)）](?!\d)|[①-⑩]|[(（]\d{1,2}[)）]|(first|second|third)(ly)?(?=[,:：\s]|$)|[1-3一二三]点目)/iu;
/** Issues that the first-asked reading may move a ticket to: never to one of the costly 6 and 7. */
const FIRST_ASKED_TARGETS: readonly KnownIssueNumber[] = [1, 2, 3, 4, 5];

/**
 * A ticket that lists two or more asks ("1. … 2. …", ①②), each about a different issue, is about the
 * first one asked (LABELLING.md: "if it asks for two equally, the first asked"). The first item's issue
 * is raised just above the others, as context:first_asked, when it is already a candidate with evidence
 * enough to be named and no part of the first item is background ("we'll sort that internally"): an
 * item set aside is not asked. The reading never introduces 6 or 7.
 */
export function preferFirstAsked(evidence: Evidence, ticket: Ticket): void {
  const { items } = ticket;
  if (items.length < 2 || items[0].some((c) => c.role !== 'ask')) return;
  const first = itemIssue(items[0]);
  const second = itemIssue(items[1]);
  if (first === null || second === null || first === second || !FIRST_ASKED_TARGETS.includes(first)) return;
  // The first item names its issue on its own (itemIssue); the whole ticket may score it lower, as when
  // the second item's "no delegated admin" counts against the first item's agents.
  const score = evidence.score(first);
  const lead = Math.max(...ISSUES.filter((n) => n !== first).map((n) => evidence.score(n)));
  // Named even when the first item's issue leads already (no weight then): the reading has decided,
  // and the learned part, which cannot see a list's order, leaves it be (classifier.ts).
  evidence.add({
    id: 'context:first_asked',
    match: items[0]
      .map((c) => c.raw)
      .join(' ')
      .slice(0, 60),
    weights: lead < score ? {} : { [first]: round(lead - score + 0.5) },
  });
}

/** Readings that mean the ticket asks for no exception: each counts against every issue. */
export function readNotAsking(evidence: Evidence, ticket: Ticket): void {
  const { background, allText, askText, requests } = ticket;
  const readings: [string, RegExpExecArray | null][] = [];
  if (!requests) {
    const has = (role: ClauseRole) => background.some((c) => c.role === role);
    if (has('existing_exception')) readings.push(['context:existing_exception', EXISTING_QUESTION.exec(allText)]);
    if (has('hypothetical')) readings.push(['context:hypothetical', questionIn(ticket)]);
    readings.push(['context:no_request', NO_REQUEST.exec(allText)]);
  }
  // Ending an exception that exists asks for nothing to be excepted, however politely it asks.
  readings.push(['context:ends_exception', ENDS_EXCEPTION.exec(askText)]);
  // A how-to question with nothing asked for is a question, whatever it names.
  const howTo = evidence.signals.find((s) => s.id === 'how_to_question');
  if (howTo && !requests) readings.push(['context:question', [howTo.match] as unknown as RegExpExecArray]);
  // So is a question with no request and no problem stated (who is in scope, what a setting does).
  const statesProblem = FAILURE.test(askText) || PROBLEM_SIGNALS.some((id) => evidence.has(id));
  if (!requests && !statesProblem && !howTo) readings.push(['context:question', otherQuestion(ticket)]);
  for (const [id, match] of readings) if (match) evidence.abstain(id, match[0].trim(), NOT_ASKING_PENALTY);
}

/**
 * A question other than whether the ticket's situation qualifies ("when does it expire?", "is our
 * set-up fine?"), in a ticket that requests nothing. 6 and 7 are not named for it: a reviewer reads it.
 */
export function otherQuestion(ticket: Ticket): RegExpExecArray | null {
  const asksToQualify = ELIGIBILITY_QUESTION.test(ticket.askText) || ticket.ask.some((c) => BARE_EXCEPTION_QUESTION.test(c.raw));
  if (ticket.requests || asksToQualify) return null;
  return ticket.ask.map((c) => QUESTION.exec(c.raw)).find((m) => m !== null) ?? null;
}

/** The ticket asks whether something would qualify, or asks any question at all (a plan is asked about, not filed). */
function questionIn(ticket: Ticket): RegExpExecArray | null {
  const eligibility = ELIGIBILITY_QUESTION.exec(ticket.allText);
  if (eligibility) return eligibility;
  return ticket.clauses.map((c) => QUESTION.exec(c.raw)).find((m) => m !== null) ?? null;
}
