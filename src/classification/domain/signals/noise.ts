// Parts of a ticket that are not the partner's own words about their situation: quoted e-mail,
// ticket headers, pasted command lines, error dumps, HTTP headers, greetings and signatures. They
// repeat words the signals look for ("Exchange", "MFA", "support engineer", 総務部) without saying
// anything about the ask, so the structure reader drops them before any signal is matched. These
// patterns run on the raw text, line by line, because layout (a leading ">", "Key: value") is the cue.

import { alternatives, group, r } from './alternatives.js';

/** A line of an earlier message quoted in a reply. */
export const QUOTED_LINE = alternatives(
  [r`^\s*[>＞]`, r`^\s*on .{0,120}\bwrote:\s*$`, r`^\s*\d{4}[/-]\d{1,2}[/-]\d{1,2}.{0,40}(wrote|のメッセージ|書きました)[:：]?\s*$`],
  'i',
);

/** Everything from this line on is an earlier message (Outlook-style forwards and replies). */
export const QUOTED_BLOCK_START = alternatives(
  [r`^\s*-{2,}\s*(original message|forwarded message|元のメッセージ|転送メッセージ)\s*-{2,}`],
  'i',
);

/**
 * The partner's own words say they are passing on someone else's request ("シンガポール拠点からの依頼を
 * 転送します", "please raise this with MS"): the forwarded or quoted message below is then the ask, not
 * an earlier reply, and only its header lines are dropped.
 */
export const FORWARDING_NOTE = alternatives(
  [
    r`転送(します|いたします|させていただきます|致します)`,
    r`\b(forwarding|passing on|passing along) (this|the|a|their|his|her)\b`,
    r`\bplease (raise|file|submit|pass on) this\b`,
  ],
  'i',
);

/** The header fields of a forwarded message (dropped even when its body is kept). */
export const FORWARDED_HEADER_LINE = alternatives(
  [r`^\s*(from|to|cc|sent|date|subject|差出人|送信者|宛先|件名|送信日時|日時)\s*[:：]`, r`^\s*-{2,}.{0,40}-{2,}\s*$`],
  'i',
);

/**
 * A mail header: below the partner's own words it starts an earlier message (to the end); above them,
 * at the top of the ticket, it is the ticket's own header and only the line is dropped.
 */
export const MAIL_HEADER_LINE = alternatives([r`^\s*(from|差出人|送信者)\s*[:：].{0,120}$`], 'i');

/** Administrative fields of a ticket or form: who, when, how urgent; never the reason. */
export const TICKET_HEADER_LINE = alternatives(
  [
    r`^\s*(ticket|case|request|req|incident|問い合わせ|お問い合わせ|受付|チケット|管理)\s*(#|no\.?|number|id|番号)\s*[:：]`,
    r`^\s*` +
      group([
        r`severity`,
        r`priority`,
        r`product`,
        r`category`,
        r`issue type`,
        r`contact`,
        r`phone`,
        r`tel`,
        r`email`,
        r`e-mail`,
        r`company`,
        r`重要度`,
        r`優先度`,
        r`製品`,
        r`カテゴリ`,
        r`連絡先`,
        r`電話番号`,
        r`会社名`,
        r`担当者`,
        r`件名`,
      ]) +
      r`\s*[:：]`,
    r`^\s*【\s*(問い合わせ番号|お問い合わせ番号|受付番号|チケット番号|管理番号|重要度|優先度|製品|件名|連絡先|会社名|担当者|カテゴリ)\s*】`,
    r`^\s*[■□◆●・]\s*(問い合わせ番号|お問い合わせ番号|受付番号|チケット番号|重要度|優先度|製品|件名|連絡先|会社名|担当者|カテゴリ)\s*[:：]`,
  ],
  'i',
);

/** Pasted command lines, command output, sign-in log fields, HTTP headers and token dumps. */
export const PASTED_OUTPUT_LINE = alternatives(
  [
    // A PowerShell prompt, a cmdlet error ("New-PSSession : ...") and its trailer lines.
    r`^\s*PS( [A-Z]:\\[^>]*)?>`,
    r`^\s*[A-Z][A-Za-z]+-[A-Za-z]+ : `,
    r`^\s*\+ (FullyQualifiedErrorId|CategoryInfo)\b`,
    // Directory error text: the partner quoting what the screen said, not describing their case.
    r`^\s*(error|エラー|エラー メッセージ)?\s*[:：]?\s*AADSTS\d+`,
    r`^\s*` +
      group([
        r`trace ?id`,
        r`correlation ?id`,
        r`request ?id`,
        r`timestamp`,
        r`date`,
        r`status`,
        r`client app`,
        r`application`,
        r`sign-in error code`,
        r`failure reason`,
        r`error code`,
        r`相関 ?id`,
        r`トレース ?id`,
        r`タイムスタンプ`,
        r`日時`,
        r`同期エラー`,
        r`サインイン ?ログ`,
        r`エラー ?コード`,
      ]) +
      r`\s*[:：]`,
    r`^\s*HTTP/\d(\.\d)? \d{3}`,
    r`^\s*(www-authenticate|retry-after|ms-correlationid|ms-requestid|transfer-encoding)\s*:`,
    r`^\s*(request-context|content-type|content-length|server|x-[a-z-]+)\s*:`,
    // Token claims other than amr (amr is what issue 7 is about, so it stays).
    r`^\s*"(?!amr")[A-Za-z_]+"\s*:`,
    r`^\s*[{}\[\],]+\s*$`,
  ],
  'i',
);

/** A line after which only a name, a title and a phone number follow. */
export const CLOSING_LINE = alternatives(
  [
    r`^\s*(best |kind |warm |many )?(regards|thanks|thank you|thx|cheers|sincerely|br)\b[^.!?。]{0,40}$`,
    r`^\s*best\s*,?\s*$`,
    r`^(?!.*(例外|申請|猶予|除外|対象外))[^。]{0,40}よろしくお願い(いた)?(します|申し上げます)[。.]?\s*$`,
    r`^\s*以上(です|、?よろしくお願いいたします)?[。.]?\s*$`,
  ],
  'i',
);

/** A line of separators: what follows it at the end of a ticket is a signature block. */
export const SEPARATOR_LINE = /^\s*([-‐―─—_=*~]\s*){2,}\s*$/u;

/** Lines at the end of a ticket that can only belong to a signature: phone numbers, "Name | Title | Company". */
export const SIGNATURE_LINE = alternatives(
  [
    r`(tel|phone|電話)\s*[:：]?\s*\+?[\dx][\dx\s()-]{6,}`,
    r`\+\d{1,3}[\s(]*\d[\d\s()-]{6,}`,
    r`^[^|]{2,60}\|[^|]{2,80}\|`,
    // A name, title or company alone: no sentence punctuation, no kana verbs ("松本", "株式会社ユニオンシステム 管理部").
    r`^[^。.!?？！:：a-z\u3041-\u3093]{1,30}$`,
  ],
  'iu',
);

/** A name or job title in English: every word capitalised ("Vikram Desai", "Delivery Head, Pune", "- Carla"). */
const TITLE_CASE_WORD = r`(\p{Lu}[\p{L}\p{N}.'&()-]*,?|of|and|the|for|at|&|\/|\||-|–)`;
export const TITLE_CASE_LINE = new RegExp(r`^\s*[-–—]?\s*` + TITLE_CASE_WORD + r`(\s+` + TITLE_CASE_WORD + r`)*\s*$`, 'u');

/** Opening courtesies and the writer introducing themself: nothing about the ask. */
export const GREETING_SENTENCE = alternatives(
  [
    r`^(いつも|平素)(は|より)?.{0,30}(お世話|ご高配|ご愛顧|御礼).{0,20}$`,
    r`^お世話になって(おり|い)ます$`,
    r`^(ご担当者?様|ご担当者各位|partner support team)$`,
    r`^.{0,50}(株式会社|有限会社|合同会社|\(株\)|㈱).{0,40}(です|でございます|と申します)$`,
    r`^(hi|hello|dear)[^.!?]{0,40},? (this is|i am|i'm) [^.!?]{2,60}$`,
    r`^(hi|hello|hey|good (morning|afternoon|evening)|dear [^.!?]{0,40}|hi (team|all|there))[,!.]?$`,
    // Closing courtesies ("ご多忙のところ恐れ入りますが、何卒よろしくお願い申し上げます"): a thank-you, not an ask.
    r`^(?!.*(例外|申請|猶予|除外|対象外))[^。]{0,40}よろしくお願い(いた)?(します|申し上げます)$`,
  ],
  'iu',
);
