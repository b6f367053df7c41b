// Issue 5: legacy authentication clients that cannot do MFA.

import { alternatives, r } from './alternatives.js';
import type { Signal } from './types.js';

export const LEGACY_AUTH_SIGNALS: readonly Signal[] = [
  {
    id: 'legacy_auth',
    pattern: alternatives([
      r`\blegacy (auth(entication)?|protocols?|clients?|mail clients?|email clients?|apps?|applications?)\b`,
      r`\bbasic (auth(entication)?)\b`,
      r`\bsmtp auth\b`,
      r`\bauth basic\b`,
      r`\bnon modern auth(entication)?\b`,
      r`\b(does not|doesn t|can ?not|cannot|not|no) support(s|ing)? (for )?modern auth(entication)?\b`,
      r`\bmodern auth(entication)? (is )?(not supported|disabled|off)\b`,
      r`\bsend mailmessage\b`,
      r`\bwithout modern auth(entication)?\b`,
      r`\b(can t|cannot|can not|doesn t|does not|don t) (handle|do|use|support) modern (sign in|auth(entication)?|login)\b`,
      r`レガシー?(認証|プロトコル|クライアント|アプリ)`,
      r`従来(型)?の認証`,
      r`基本認証`,
      r`ベーシック認証`,
      r`(先進|モダン|modern ?auth(entication)?)(的な)?(認証)?.{0,12}(非対応|未対応|対応して(い|お)(ない|ません|りません|らず)|無効|オフ|できない)`,
      // 「古いメールクライアントが MFA に対応していない」: the client itself cannot do MFA.
      r`(メール ?クライアント|メールソフト|メーラー)(が|は)? ?(mfa|多要素認証) ?(に|へ)(は)?(非対応|未対応|対応して(い|お)(ない|りません|らず))`,
      r`古い(接続|認証)?方式`,
      r`旧式の?(認証|接続|方式)`,
      r`(追加の)?(確認|認証)画面(を|が)?表示(でき|され)(ない|ません)`,
      r`(imap|pop3?|smtp).{0,20}認証のみ`,
    ]),
    weights: { 5: 4 },
  },
  {
    id: 'old_mail_clients',
    pattern: alternatives([
      r`\boutlook ?20(03|07|10|13)\b`,
      r`\boffice ?20(03|07|10|13)\b`,
      r`\b(old|older|legacy|outdated|ancient) (outlook|office|mail|e ?mail|clients?|versions?|apps?|devices?)\b`,
      r`\bapp(lication)? passwords?\b`,
      r`\bmail clients?\b`,
      r`\b(username|user name) and password\b`,
      r`\b(thunderbird|becky|apple mail|mac mail|eudora|windows live mail)\b`,
      // 「旧 Mac の Mail.app」「macOS 10.11 の標準 Mail」
      r`\bmail app\b`,
      r`標準 ?(の )?(mail|メール)`,
      r`サンダーバード`,
      r`メール(閲覧)?ソフト`,
      r`旧(式)?(の)?メール`,
      r`古い(バージョンの)?(outlook|office|メール(ソフト|クライアント)?|クライアント)`,
      r`旧 ?(office|outlook|バージョン)`,
      r`メールソフト`,
      r`メーラー`,
      r`メールクライアント`,
      r`アプリ(ケーション)?パスワード`,
    ]),
    weights: { 5: 2.5 },
  },
  {
    // The seed's own example of a legacy client: an Outlook or Office of 2013 or before, named by version.
    id: 'legacy_office_version',
    pattern: alternatives([r`\b(outlook|office) ?(for mac )?20(03|07|10|11|13)\b`]),
    weights: { 5: 1 },
  },
  {
    // A mail protocol named at all is most often the legacy client itself ("a POP3 client", "IMAP + SMTP").
    id: 'mail_protocol',
    pattern: alternatives([r`\b(pop3?|imap4?|smtp|activesync|eas|mapi|ews)\b`]),
    weights: { 5: 3 },
  },
  {
    id: 'mail_stops',
    pattern: alternatives([
      r`\b(stop|stops|stopped) (syncing|receiving|sending|working)\b`,
      r`\b(can ?t|cannot|won t|unable to) (get|receive|send|sync|read) (their |our )?(mail|e ?mail|emails)\b`,
      r`\bmailboxes stop\b`,
      r`メール(が|を)?(受信|送信|見れ|見られ|読め|使え|同期)(でき)?(なく|ない|ません)`,
      r`(受信|送信|同期)(が)?(でき)(なく|ない|ません)`,
      r`(読め|見れ|見られ)(なく|ない|ません)`,
      r`メールに(接続|つなが|繋が)(でき|ら|れ)?(なく|ない|ません)`,
      // 「メールが完全に止まります」
      r`メール(が|は)? ?(完全に|全く|すべて|全て)? ?止ま(る|り|って)`,
    ]),
    weights: { 5: 2 },
  },
];
