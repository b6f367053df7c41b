// The e-mails the service sends, in English and Japanese, as text and HTML. Plain functions of the
// facts of one notice: the caller picks the language the request was filed in.

export type MailLocale = 'en' | 'ja';

export interface MailFacts {
  readonly kind: string;
  readonly requestId: string;
  readonly title: string;
  /** request.decided */
  readonly outcome?: 'approved' | 'rejected';
  readonly reason?: string;
  /** grant.expiring */
  readonly daysBefore?: number;
  readonly expiresAt?: string;
  /** sla.* */
  readonly dueAt?: string;
}

export interface Mail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Lines = { subject: string; lines: string[] };

const EN: Record<string, (f: MailFacts) => Lines> = {
  'request.info_requested': (f) => ({
    subject: `More information needed: ${f.title}`,
    lines: [
      'A reviewer needs more information about your MFA technical exception request.',
      'Read their question and answer it in the conversation of the request; the review goes on once you do.',
    ],
  }),
  'request.decided': (f) => ({
    subject: `${f.outcome === 'approved' ? 'Approved' : 'Rejected'}: ${f.title}`,
    lines: [
      `Your MFA technical exception request was ${f.outcome === 'approved' ? 'approved' : 'rejected'}.`,
      `Reason: ${f.reason ?? ''}`,
      ...(f.outcome === 'approved' ? ['The exception grant lists the accounts and surfaces it covers, and when it ends.'] : []),
    ],
  }),
  'grant.expiring': (f) => ({
    subject: `Your MFA exception ends in ${f.daysBefore} day${f.daysBefore === 1 ? '' : 's'}: ${f.title}`,
    lines: [
      `The exception granted for this request ends at ${f.expiresAt} (UTC).`,
      'After that, MFA is required again. File a new request if the blocker remains.',
    ],
  }),
  'sla.at_risk': (f) => ({
    subject: `At risk of missing its SLA: ${f.title}`,
    lines: ['This request has used most of its three business days.', `It is due at ${f.dueAt} (UTC).`],
  }),
  'sla.breached': (f) => ({
    subject: `SLA breached: ${f.title}`,
    lines: ['This request was not decided within three business days.', `It was due at ${f.dueAt} (UTC).`],
  }),
};

const JA: Record<string, (f: MailFacts) => Lines> = {
  'request.info_requested': (f) => ({
    subject: `追加情報のお願い: ${f.title}`,
    lines: [
      'MFA 技術的例外の申請について、審査担当者から追加情報の依頼があります。',
      '申請のメッセージで質問をご確認のうえ、ご回答ください。ご回答後に審査を再開します。',
    ],
  }),
  'request.decided': (f) => ({
    subject: `${f.outcome === 'approved' ? '承認されました' : '却下されました'}: ${f.title}`,
    lines: [
      `MFA 技術的例外の申請は${f.outcome === 'approved' ? '承認' : '却下'}されました。`,
      `理由: ${f.reason ?? ''}`,
      ...(f.outcome === 'approved' ? ['例外の対象アカウント、対象範囲、有効期限は例外付与の詳細をご確認ください。'] : []),
    ],
  }),
  'grant.expiring': (f) => ({
    subject: `MFA 例外の有効期限まであと ${f.daysBefore} 日: ${f.title}`,
    lines: [
      `この申請で付与された例外は ${f.expiresAt} (UTC) に終了します。`,
      '終了後は再び MFA が必要です。問題が解消していない場合は新たに申請してください。',
    ],
  }),
  'sla.at_risk': (f) => ({
    subject: `SLA 超過のおそれ: ${f.title}`,
    lines: ['この申請は 3 営業日の大半を経過しています。', `期限は ${f.dueAt} (UTC) です。`],
  }),
  'sla.breached': (f) => ({
    subject: `SLA 超過: ${f.title}`,
    lines: ['この申請は 3 営業日以内に判断されませんでした。', `期限は ${f.dueAt} (UTC) でした。`],
  }),
};

const FOOTER = { en: 'Request', ja: '申請番号' } as const;

export function renderMail(facts: MailFacts, locale: MailLocale): Mail {
  const template = (locale === 'ja' ? JA : EN)[facts.kind];
  if (!template) throw new Error(`no e-mail for ${facts.kind}`);
  const { subject, lines } = template(facts);
  const all = [...lines, '', `${FOOTER[locale]}: ${facts.requestId}`];
  const html = `<!doctype html><html lang="${locale}"><body>${all.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : '')).join('')}</body></html>`;
  return { subject, text: `${all.join('\n')}\n`, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
