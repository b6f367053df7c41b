// Probe tickets shared by more than one classifier spec (written for the tests, not corpus cases).
import { classify, readTicket } from '../../src/classification/domain/classifier.js';

export const FIRST_ASKED_LEGACY =
  '2件あります。\n1. 技術者 2 名が Outlook 2010 のままで、MFA を有効にするとメールが使えなくなります。例外をお願いします。\n2. 複合機のスキャン用アカウントも MFA 非対応です。こちらも例外にできますか。';
export const FIRST_ASKED_TIME =
  '①お客様テナントに代理で入るエンジニア 5 名の MFA がまだ展開できていません。2 月いっぱい時間がほしいです。\n②コールセンターは私物スマホ持ち込み禁止なので Authenticator が使えません。こちらも例外にできますか。';

/** The rules alone (no learned part) on a ticket written for the test. */
export const rulesOnly = (title: string, description: string) => classify({ title, description }, 'en', { model: null });
/** The ids of the signals that decided. */
export const signalIds = (result: ReturnType<typeof classify>) => result.signals.map((s) => s.id);
/** The role the ticket reading gave the clause that contains `words`. */
export const roleOf = (description: string, words: string) =>
  readTicket({ title: 'x', description }).clauses.find((c) => c.raw.includes(words))?.role;
