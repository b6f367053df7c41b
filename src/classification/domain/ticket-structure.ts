// Reads a ticket's layout before any signal is matched: drops quoted replies, ticket headers, pasted
// command output, signatures and courtesies (signals/noise.ts), then cuts what is left into clauses
// (title parts, sentences, and sentence parts between commas or around "but" / "しかし"), each normalised for the signal
// patterns. The classifier then decides, clause by clause, what is background and what is the ask.

import {
  CLOSING_LINE,
  FORWARDED_HEADER_LINE,
  FORWARDING_NOTE,
  GREETING_SENTENCE,
  PASTED_OUTPUT_LINE,
  MAIL_HEADER_LINE,
  QUOTED_BLOCK_START,
  QUOTED_LINE,
  SEPARATOR_LINE,
  SIGNATURE_LINE,
  TICKET_HEADER_LINE,
  TITLE_CASE_LINE,
} from './signals/noise.js';
import { normalizeText } from './text-normalizer.js';

export type NoiseKind = 'quoted_reply' | 'ticket_header' | 'pasted_output' | 'signature' | 'courtesy';

export interface Clause {
  /** The clause as written (trimmed). */
  readonly raw: string;
  /** normalizeText(raw): what signal patterns match. */
  readonly text: string;
  /** Which sentence it belongs to (the title is sentence 0). */
  readonly sentence: number;
  readonly inTitle: boolean;
}

export interface TicketStructure {
  readonly clauses: readonly Clause[];
  /** What was dropped as noise, one entry per kind, with the first line dropped as the example. */
  readonly noise: readonly { readonly kind: NoiseKind; readonly lines: number; readonly example: string }[];
}

/** At most this many short lines may follow a closing ("Regards,") for them to be taken as a signature. */
const SIGNATURE_MAX_LINES = 6;
const SIGNATURE_MAX_LINE_LENGTH = 100;

export function readStructure(title: string, description: string): TicketStructure {
  const noise = new Map<NoiseKind, { kind: NoiseKind; lines: number; example: string }>();
  const drop = (kind: NoiseKind, line: string) => {
    const entry = noise.get(kind);
    if (entry) entry.lines++;
    else if (line.trim() !== '') noise.set(kind, { kind, lines: 1, example: line.trim().slice(0, 80) });
  };

  const raw = description.split(/\r?\n/);
  const pasted = pastedBlocks(raw);
  for (const i of pasted) drop('pasted_output', raw[i]);
  const lines = dropSignature(
    raw.map((line, i) => (pasted.has(i) ? '' : line)),
    drop,
  );
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const ownWords = kept.some((k) => k.trim() !== '');
    // A message the partner says they are passing on is the ask: keep its body, drop its headers.
    if (ownWords && kept.some((k) => FORWARDING_NOTE.test(k))) {
      const unquoted = line.replace(/^\s*([>＞]\s*)+/u, '');
      if (FORWARDED_HEADER_LINE.test(unquoted) || QUOTED_BLOCK_START.test(unquoted)) drop('ticket_header', line);
      else kept.push(unquoted);
      continue;
    }
    if (MAIL_HEADER_LINE.test(line) && !ownWords) {
      drop('ticket_header', line);
      continue;
    }
    if (QUOTED_BLOCK_START.test(line) || MAIL_HEADER_LINE.test(line)) {
      // A forwarded message runs to its closing rule, or to the end when it has none.
      const close = lines.findIndex((other, j) => j > i + 1 && SEPARATOR_LINE.test(other));
      const end = close < 0 ? lines.length - 1 : close;
      for (const rest of lines.slice(i, end + 1)) drop('quoted_reply', rest);
      i = end;
      continue;
    }
    if (QUOTED_LINE.test(line)) drop('quoted_reply', line);
    else if (TICKET_HEADER_LINE.test(line)) drop('ticket_header', line);
    else if (PASTED_OUTPUT_LINE.test(line)) drop('pasted_output', line);
    else kept.push(line);
  }

  const clauses: Clause[] = [];
  const push = (raw: string, sentence: number, inTitle: boolean) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const text = normalizeText(trimmed);
    if (text.trim() !== '') clauses.push({ raw: trimmed, text, sentence, inTitle });
  };
  // A title is a list of topics more than a sentence: "Okta sorted - Exchange PowerShell still blocked".
  for (const part of title.split(TITLE_BREAK)) push(part, 0, true);
  let sentence = 1;
  for (const paragraph of kept.join('\n').split(/\n+/)) {
    for (const raw of paragraph.split(SENTENCE_END)) {
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      if (GREETING_SENTENCE.test(trimmed.replace(/[。.!！]+$/u, ''))) {
        drop('courtesy', trimmed);
        continue;
      }
      for (const part of trimmed.split(CLAUSE_BREAK)) push(part, sentence, false);
      sentence++;
    }
  }
  return { clauses, noise: [...noise.values()] };
}

// Sentence ends: Japanese and full-width stops anywhere, Latin ones before a space.
const SENTENCE_END = /(?<=[。！？])|(?<=[.!?])\s+|[;；]\s*/u;
// Where a sentence turns from one matter to another; the turn word stays with the second part.
// Case-insensitive without 'u' (here and below): 'iu' is many times slower, and these patterns match
// the same without it.
const CLAUSE_BREAK = /,\s+|、|\s+(?=(?:but|however)\b)|(?=しかし|ところが|一方で?、|ただし、)|\s[-–—]\s/i;
const TITLE_BREAK = /\s[-–—/|]\s|\s*[/／;；]\s*|[(（]|[)）]|,\s*(?=(?:but|now|still)\b)/i;

/**
 * Lines of a pasted block: inside a fenced code block (```), or a few short lines between two separator
 * lines ("--- 以下、エラー画面の文言 ---" ... "---"), as partners paste dialogs and screen text.
 */
function pastedBlocks(lines: readonly string[]): Set<number> {
  const pasted = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (CODE_FENCE.test(lines[i])) {
      const close = lines.findIndex((line, j) => j > i && CODE_FENCE.test(line));
      const end = close < 0 ? lines.length - 1 : close;
      for (let j = i; j <= end; j++) pasted.add(j);
      i = end;
    } else if (BLOCK_RULE.test(lines[i])) {
      const close = lines.findIndex((line, j) => j > i && j <= i + PASTED_BLOCK_MAX_LINES && BLOCK_RULE.test(line));
      if (close < 0 || !lines.slice(i + 1, close).every((line) => line.length <= PASTED_LINE_MAX_LENGTH)) continue;
      for (let j = i; j <= close; j++) pasted.add(j);
      i = close;
    }
  }
  return pasted;
}

const CODE_FENCE = /^\s*(```|~~~)/;
// A separator line, or a caption between dashes ("--- 以下、エラー画面の文言 ---").
const BLOCK_RULE = /^\s*(([-‐―─—_=*~]\s*){3,}|-{2,}.{0,40}-{2,}\s*)$/u;
const PASTED_BLOCK_MAX_LINES = 15;
const PASTED_LINE_MAX_LENGTH = 80;

/** A line that can stand in a signature block: a name, a title, a company, an address or a phone number. */
function signatureLike(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || SEPARATOR_LINE.test(line) || SIGNATURE_LINE.test(line) || TITLE_CASE_LINE.test(line)) return true;
  return trimmed.length <= 60 && !/[。.!?？！]$/u.test(trimmed) && !ASK_WORDS.test(trimmed);
}
const ASK_WORDS = /ください|お願い|申請|例外|please|exception|request/i;

/**
 * Drops the signature at the end: a closing line ("Regards,", "よろしくお願いいたします。") followed by
 * a few short lines, a block after a separator line, and trailing name / title / phone lines.
 */
function dropSignature(lines: string[], drop: (kind: NoiseKind, line: string) => void): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  const shortTail = (from: number) =>
    end - from <= SIGNATURE_MAX_LINES &&
    lines.slice(from, end).every((line) => line.length <= SIGNATURE_MAX_LINE_LENGTH && signatureLike(line));
  let cut = end;
  for (let i = Math.max(0, end - SIGNATURE_MAX_LINES - 1); i < end; i++) {
    const line = lines[i];
    if ((CLOSING_LINE.test(line) && shortTail(i + 1)) || (SEPARATOR_LINE.test(line) && shortTail(i))) {
      cut = i;
      break;
    }
  }
  // Trailing name and title lines with no closing before them ("Vikram Desai / Delivery Head, Pune").
  while (cut > 0 && end - cut < SIGNATURE_MAX_LINES) {
    const line = lines[cut - 1];
    if (line.trim() === '' || SIGNATURE_LINE.test(line) || (line.length <= 60 && TITLE_CASE_LINE.test(line))) cut--;
    else break;
  }
  // A trailing block counts only if something is left above it.
  if (cut === 0) return lines;
  for (const line of lines.slice(cut)) drop('signature', line);
  return lines.slice(0, cut);
}
