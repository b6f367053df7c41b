// The evidence the classifier looks for, as data. Each signal is a pattern over normalised text
// (see text-normalizer.ts: synonyms are already one token, e.g. " mfa ", " delegatedadmin ",
// " exchangeonline ", " powershell ", " authenticator ", " thirdparty ", " entra "; hyphens and
// punctuation are spaces) and the weight it adds to known issues; a negative weight is evidence
// against. To add a signal: add a row, add a development-corpus case that needs it, and run
// `npm run eval:classifier -- --errors`.

import type { KnownIssueNumber } from './known-issues.js';

export interface Signal {
  /** Stable name, shown to reviewers as the reason for a classification. */
  readonly id: string;
  readonly pattern: RegExp;
  readonly weights: Readonly<Partial<Record<KnownIssueNumber, number>>>;
  /**
   * Says WHO is affected (agents, back-office staff...). Read sentence by sentence, and ignored in
   * a sentence saying that group already has MFA ("our sales staff already use MFA; the agents...").
   */
  readonly group?: true;
}

/** Evidence that the text is not an exception request at all; it lowers every issue's score. */
export interface AbstainSignal {
  readonly id: string;
  readonly pattern: RegExp;
  /** Subtracted from every issue's score. */
  readonly penalty: number;
}

const TIME = String.raw`\b((more|additional|extra|enough|sufficient|a bit more|a little more) time|time to (finish|complete|roll|implement|deploy|enable|get)|extension|extend(ed)? (the )?(deadline|date|enforcement)|postpone(d)?|delay(ed)?|slipped|grace period|not (be )?ready|not finish(ed)?|will not finish|won t finish|need (until|till)|until then|deadline|scheduled to (finish|complete)|(by|in|until|before) (the )?(end of )?(next )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|month|quarter|week)|(few|couple of|two|three|four|six|\d+) (more )?(weeks|months)|still (rolling|implementing|deploying|working|enrolling)|in progress|phased?|phases|behind schedule|can ?not finish|cannot complete|won t be (ready|done|finished)|hold off|midway|temporary exception|allow (additional|more) time|% done|percent done|not (yet )?complete)\b`;
const TIME_JA = String.raw`時間が(必要|かか|足り)|時間を(ください|いただ)|猶予|延長|延期|間に合(わ|い)|まだ(完了|終わ|導入|展開|対応|実装|有効|でき)|終わっていません|終わるまで|完了まで|準備中|展開中|導入中|移行中|実装中|対応中|段階的|期限|数(週間|か月|ヶ月|カ月)|[0-9]+ ?(か月|ヶ月|カ月|週間)|もう少し|遅れて|しばらく|それまで`;

const DONE = String.raw`\b(already|all) (have|has|use|using|enrolled|registered|set up|configured|completed|done|on)\b|\bmfa (is |are |was )?(already )?(done|complete|completed|finished|in place|enabled|rolled out|set up)\b|\b(already )?(have|has) mfa\b|\bis (complete|completed|done|finished)\b|設定済|導入済|対応済|展開済|登録済|完了済|完了して(いる|います|おります|おり[、,]?)(?!ません)|全員 ?mfa|既に mfa|すでに mfa`;
/** A sentence saying some group is already done with MFA: its group signals do not count. */
export const DONE_CLAUSE = new RegExp(DONE);

const DELEGATED_NEGATION_EN = String.raw`\b(do not|don t|does not|doesn t|never|not|no need to|nor|are not|aren t|is not|isn t) (use|using|need|have|has|require|access|sign in to|log in to|sign into|log into|touch|manage|administer|work (in|with|on)|involved (in|with)|assigned)( any| the| our| their)?( delegatedadmin| customers?| clients?| admin(istrative)? (access|rights|roles?))|\b(without|no|w o|non) (any )?delegatedadmin\b|\b(no|not any|without|don t have( any)?|do not have( any)?)( admin(istrative)?)? (access|rights|relationships?|privileges?|permissions) (to|with|over|on|in) (any )?(customers?|clients?|customer tenants?)\b|\bno admin (access|relationship|rights|roles?) (to|with|over|for) (any )?(customers?|clients?)\b|\binternal only\b|\bonly (work|access|use|sign in to) (internally|our own tenant|internal)|\bnon (admin|administrative|privileged) (users?|staff|accounts?|employees)\b|\bnot (admins?|administrators)\b`;
const DELEGATED_NEGATION_JA = String.raw`delegatedadmin ?(を|は|も)?(使用|利用|使|保持|持|付与)(って|して|されて)?(い)?(ない|しない|せず|ません|おらず|おりません)|(顧客|お客様)(の)?(テナント|環境|リソース|管理)(に|へ|を|への)(は|も)?(一切)?(アクセス|サインイン|ログイン|関わ|関与|携わ|触)(する(こと|必要)(は|も)?(ない|ありません)|しない|していない|しません|らない|りません|れない|権(は|を)?(持って|もって)?(い)?(ない|ありません|ません))|(顧客|お客様)(の)?(テナント|環境|リソース)(への|に対する)(サインイン|アクセス|ログイン)(権)?(は|も)?(一切)?(ありません|ない|しない)|customer tenants? (に|へ|には)(は)?(一切)?(アクセス|サインイン)(しない|していない|しません)|(顧客|お客様)(の)?管理に(は)?(関わらない|関与しない|携わらない|関係しない)|社内業務(のみ|だけ)|社内(のみ|だけ)で|自社テナント.{0,15}(のみ|だけ)|非管理者`;

export const SIGNALS: readonly Signal[] = [
  // ── Issue 1: more time for agents who use delegated admin privileges ───────────────────────────
  { id: 'needs_more_time', pattern: new RegExp(`${TIME}|${TIME_JA}`), weights: { 1: 2, 2: 2 } },
  { id: 'uses_delegated_admin', pattern: / delegatedadmin /, weights: { 1: 2.5, 6: 1 }, group: true },
  { id: 'admin_agents', pattern: /\b(admin|support|helpdesk|help desk|partner|delegated|managed services?|cloud ops|operations|ops|noc|it) (agents?|technicians?|techs?|engineers?|consultants?|team|admins?)\b|\b(agents?|technicians?|techs|engineers?|consultants?)\b|エージェント|技術者|エンジニア|サポート(部門|チーム|担当)|運用(チーム|担当|部門)/, weights: { 1: 1 }, group: true },
  { id: 'customer_tenants', pattern: /\b(customers?|clients?) (tenants?|resources|environments?|subscriptions?|portals?|admin (centers?|centres?|portals?)|m365|microsoft 365|office 365|azure)\b|\bon (their|behalf of|our customers|our clients)( behalf)?\b|\bon behalf of (our )?(customers?|clients?)\b|\b(manage|managing|administer|administering|support|supporting) (our |the |their )?(\d+ )?(customers?|clients?)\b|\bcustomer (admin|management)\b|(顧客|お客様)(の)?(テナント|リソース|環境|管理センター|管理画面|サブスクリプション)|顧客管理|代行管理/, weights: { 1: 1.5, 6: 0.5 }, group: true },
  { id: 'mfa_not_rolled_out', pattern: /\b(not (yet )?|yet to |haven t |have not |hasn t |has not |never |don t have |do not have |no )(implemented|rolled out|enabled|deployed|set up|turned on|configured|started|enrolled|registered|mfa)\b|\bmfa (is |has )?(not|n t) (yet )?(been )?(implemented|rolled|enabled|deployed|set up|turned on|configured)\b|mfa.{0,12}(未導入|未実装|未対応|導入していない|有効化していない|展開していない|実装していない|展開できていない)|まだ ?mfa|未対応|mfa ?(を|の)?(導入|展開|実装|有効化|設定)(が|は)?(完了|終わ)?(していない|できていない|済んでいない|間に合|まだ)/, weights: { 1: 1, 2: 1, 3: 0.5 } },
  { id: 'rollout_project', pattern: /\b(rollout|roll out|rolling out|migration|deployment|implementation|registration campaign|enrol(l)?ment campaign)\b|導入計画|展開計画|導入プロジェクト|導入スケジュール|ロールアウト|展開を進め/, weights: { 1: 1, 2: 1 } },

  // ── Issue 2: users who do not use delegated admin privileges ──────────────────────────────────
  { id: 'does_not_use_delegated_admin', pattern: new RegExp(`${DELEGATED_NEGATION_EN}|${DELEGATED_NEGATION_JA}`), weights: { 2: 3.5, 3: 1, 1: -4 } },
  { id: 'non_technical_staff', pattern: /\b(sales|finance|financial|marketing|hr|human resources|accounting|accounts|billing|back office|administrative|office|non technical|clerical|legal|executive|management|recruit(ing|ment)|inside sales|design|creative)( staff| users?| team| teams| employees| people| personnel| department| colleagues| folks| interns?| reps?)\b|\b(interns?|designers?|receptionists?|salespeople)\b|\binternal (staff|users?|employees)\b|営業|経理|財務|マーケティング|人事|総務|事務|バックオフィス|社内ユーザー|一般社員|一般ユーザー|非技術|インサイドセールス/, weights: { 2: 3, 1: -1 }, group: true },
  { id: 'named_personal_accounts', pattern: /\b(own|named|personal|individual) (named )?(user )?accounts?\b|個人(の|用)?アカウント(を|で)/, weights: { 2: 1, 3: -2 } },

  // ── Issue 3: user accounts used as service accounts on devices ────────────────────────────────
  { id: 'service_accounts', pattern: /\b(service|svc)( user)? accounts?\b|\b(shared|device|generic|system|single|plain|common|functional|utility|kiosk|room|resource) (user )?accounts?\b|\bnon interactive (user )?accounts?\b|\bheadless\b|\buser accounts? (used )?as (a )?service accounts?\b|サービス ?アカウント|共有(の)?(ユーザー)?アカウント|共用(の)?(ユーザー)?アカウント|共通(の)?アカウント|デバイス(用)?アカウント|汎用アカウント|システムアカウント/, weights: { 3: 4 } },
  { id: 'devices', pattern: /\b(kiosks?|printers?|scanners?|multi function|copiers?|mfps?|meeting rooms?|conference rooms?|teams rooms?|room (systems?|devices?|displays?)|signage|shop floor|handhelds?|hand held|barcode|pos (terminals?|devices?)|terminals?|iot|sensors?|digital signs?|wall (display|screen|mounted)|time clocks?|time clock terminals?|tablets?|front desk|reception|displays?)\b|キオスク|プリンタ|複合機|スキャナ|コピー機|会議室|サイネージ|端末|ハンディ|iot|センサー|タブレット|受付|共用 ?pc|共有 ?pc/, weights: { 3: 3 } },
  { id: 'unattended', pattern: /\b(can ?t|cannot|unable to|not able to|no one to|nobody (to|can)) (respond|answer|complete|approve|perform|do|satisfy)( to)? (an |the |a )?(mfa|prompt|challenge|second factor)|\bno (human|person|one) (at|in front|to)\b|\bunattended\b|\bcan ?not tie mfa to a person\b|\bnot tied to a (person|user)\b|人が操作しない|無人|個人(の|に紐づく)?アカウントではない|特定の個人/, weights: { 3: 2 } },
  { id: 'low_privilege', pattern: /\blow priv(ilege(d)?)?\b|\bleast privilege\b|\bno (admin )?(rights|roles?)( assigned)?\b|\bhas no roles\b|\blimited (rights|permissions|privileges)\b|低権限|最小権限|権限の低い|管理者権限(は|を)?(持たない|ない|なし|付与していません|付与していない)/, weights: { 3: 2, 2: 0.5 } },
  { id: 'scan_to_email', pattern: /\bscan to (e ?mail|mail)\b|\bsmtp relay\b|スキャン(した)?.{0,6}(メール|送信)/, weights: { 3: 2 } },

  // ── Issue 4: cannot use the Authenticator app ─────────────────────────────────────────────────
  { id: 'authenticator_app', pattern: / authenticator /, weights: { 4: 3, 7: -0.5 } },
  { id: 'authenticator_unusable', pattern: / authenticator .{0,40}(not an option|no go|unavailable|not available|can ?not|cannot|unable|not possible|impossible|isn t possible)|\b(can ?t|cannot|unable to|not able to|no way to) (use|install|run|get) (the )?(authenticator|apps?)\b|\bcannot install apps?\b|authenticator.{0,15}(使えません|使用できません|インストールできません|利用できません|使えない|入れられない|できません)|アプリ(を)?(インストール|入れ)(でき|られ)(ない|ません)/, weights: { 4: 2.5 } },
  { id: 'no_phones_allowed', pattern: /\bclean desk\b|\b(no|without|ban(ned)?|prohibit(ed)?|forbid(den)?|not (allowed|permitted)|aren t allowed|are not allowed|isn t allowed|can ?not (bring|carry|use|have)|cannot (bring|carry|use|have)|don t (have|carry|bring)|do not (have|carry|bring)|not issued)( any)?( personal| private| their| own| mobile| cell| smart| company| work| corporate| issued| company issued)* ?(phones?|smartphones?|mobiles?|mobile (phones?|devices?)|cell ?phones?|devices)\b|\b(phones?|smartphones?|mobiles?|mobile devices?|cell ?phones?) (are |is )?(not (allowed|permitted)|banned|prohibited|forbidden|locked away|left in lockers?|collected)\b|\bpersonal (mobile |smart|cell )?(phones?|devices|mobiles?)\b|\b(feature|flip|dumb|basic) phones?\b|\blockers?\b|\bsecure (floor|area|room)s?\b|\bworks council\b|クリーンデスク|私物|個人(所有)?の?(携帯|スマートフォン|スマホ|モバイル|端末)|(携帯|スマートフォン|スマホ|モバイル)(電話)?(端末)?(の|を)?(持ち込み|持込|使用|利用|所持)(が|は|を)?(禁止|できない|不可|認められ|許可されていない)|持ち込み禁止|持ち込めない|ロッカー|ガラケー|フィーチャーフォン|従来型の携帯|(携帯|スマホ|スマートフォン)(を|は)?(持って|支給して|配布して|貸与して)(い)?(ない|ません|おらず)|スマ(ホ|ートフォン)ではなく|(スマホ|スマートフォン|携帯)を配布する予定(も|は)?(ない|ありません)|労働組合|組合/, weights: { 4: 4 } },
  { id: 'desk_phone_or_pc', pattern: /\b(desk ?phones?|landlines?|hardware tokens?|fido2?|security keys?|windows (pc|desktop|app)|totp app on (the )?pc|company phones?)\b|固定電話|ハードウェアトークン|セキュリティキー|fido/, weights: { 4: 1 } },

  // ── Issue 5: legacy authentication protocols ──────────────────────────────────────────────────
  { id: 'legacy_auth', pattern: /\blegacy (auth(entication)?|protocols?|clients?|mail clients?|email clients?|apps?|applications?)\b|\bbasic (auth(entication)?)\b|\bsmtp auth\b|\bauth basic\b|\bnon modern auth(entication)?\b|\b(does not|doesn t|can ?not|cannot|not|no) support(s|ing)? (for )?modern auth(entication)?\b|\bmodern auth(entication)? (is )?(not supported|disabled|off)\b|\bsend mailmessage\b|レガシー?(認証|プロトコル|クライアント|アプリ)|従来(型)?の認証|基本認証|ベーシック認証|先進(的な)?認証(に|が|は)?(非対応|未対応|対応していない|無効|オフ)|モダン認証(に|が|は)?(非対応|未対応|対応していない|無効)/, weights: { 5: 4 } },
  { id: 'old_mail_clients', pattern: /\boutlook ?20(03|07|10|13)\b|\boffice ?20(03|07|10|13)\b|\b(pop3?|imap4?|smtp|activesync|eas|mapi|ews)\b|\b(old|older|legacy|outdated|ancient) (outlook|office|mail|e ?mail|clients?|versions?|apps?|devices?)\b|\bapp(lication)? passwords?\b|\bmail clients?\b|\b(username|user name) and password\b|古い(バージョンの)?(outlook|office|メール(ソフト|クライアント)?|クライアント)|旧 ?(office|outlook|バージョン)|メールソフト|メーラー|メールクライアント|アプリ(ケーション)?パスワード/, weights: { 5: 2.5 } },

  // ── Issue 6: Exchange Online PowerShell ───────────────────────────────────────────────────────
  { id: 'exchange_online_powershell', pattern: / exchangeonline (remote )?powershell | exchangeonline .{0,40}powershell | powershell .{0,40}exchangeonline |\bnew pssession\b|\bremote powershell\b.{0,60}exchange|exchange .{0,20}powershell|\bdelegatedorg(anization)?\b/, weights: { 6: 6, 5: -2 } },
  { id: 'powershell', pattern: / powershell |\bcmdlets?\b|コマンドレット/, weights: { 6: 1.5 } },
  { id: 'exchange_online', pattern: / exchangeonline |\bexchange (admin|management)\b|メールボックス|\bmailbox(es)?\b/, weights: { 6: 1, 5: 0.5 } },
  { id: 'not_powershell', pattern: /\b(don t|do not|doesn t|does not|not|never|no|isn t|is not|it s not|nothing to do with)( use| using| involve| about| run)?( any)? powershell\b|powershell ?(は|を)?(使って|使用して|利用して)(おりません|いません|いない)|powershell(では|は関係)(なく|ありません)/, weights: { 6: -7 } },

  // ── Issue 7: third-party MFA the directory does not recognise ─────────────────────────────────
  { id: 'third_party_mfa', pattern: / thirdparty (mfa|idp|identity|authentication|solution|provider|vendor|product|2fa|otp|token)|\bexternal (mfa|idp|identity provider|authentication provider)\b|\bnon microsoft (mfa|idp|identity)\b|\bon prem(ise|ises)? mfa\b|thirdparty ?(の)?(mfa|認証|idp|ソリューション|製品)/, weights: { 7: 3, 4: -1 } },
  { id: 'mfa_vendor', pattern: /\b(duo|okta|ping ?(id|federate|identity|one)|rsa|securid|gemalto|thales|safenet|symantec|vip access|onelogin|centrify|auth0|forgerock|cyberark|hennge|trustlogin|secureauth|silverfort|entrust|imprivata|rublon|authpoint|watchguard|fortitoken|fortinet|swivel|mideye|yubico|hennge one)\b|デュオ|オクタ|ヘンゲ/, weights: { 7: 3, 4: -1 } },
  { id: 'mfa_claim_not_passed', pattern: /\bamr\b|\bauthentication method(s)? references?\b|\bauthnmethodsreferences\b|\bmultipleauthn\b|\bclaims? (is |are )?(not|never|n t) (passed|sent|flow(ing)?|included|issued|forwarded|recogni[sz]ed)|\bclaims? (does not|doesn t|do not|don t|never|won t|will not|is not|isn t) (reach|arrive|get|make it|come|pass|flow|show|appear)|\b(not|never|n t|doesn t|does not|don t) (pass|send|flow|include|emit|forward|recogni[sz]e)s? (the )?(mfa )?(claim|mfa)|\bnot recogni[sz]ed\b|\bdoesn t recogni[sz]e\b|\bdoes not recogni[sz]e\b|\bclaim (does|did|will) not flow\b|\bprompted (again|twice|a second time|for (entra |azure )?mfa (again|on top|as well))|\bdouble (mfa|prompt)|クレーム|認識(されない|しない|されず|されません|してくれない)|(伝わ|渡さ|渡)(らない|れない|れず)|連携され(ない|ず)|二重(に)?(mfa|認証)/, weights: { 7: 3 } },
  { id: 'federation', pattern: /\bfederat(ed|ion|ing|e)\b|\badfs\b|\bad fs\b|\bsaml\b|\bws fed(eration)?\b|\bcustom controls?\b|\bidentity provider\b|\bidp\b|フェデレーション|フェデレート|カスタム ?コントロール|id ?プロバイダ|認証基盤/, weights: { 7: 2 } },
];

/** The partner filled in the third-party MFA part of the form: evidence from structure, not text. */
export const THIRD_PARTY_FORM_SIGNAL = { id: 'third_party_mfa_details_given', weights: { 7: 4, 4: -1 } } as const;

/** Evidence against any of the seven: the text is about something else, or a how-to question. */
export const ABSTAIN_SIGNALS: readonly AbstainSignal[] = [
  { id: 'billing_or_commerce', pattern: /\b(invoices?|billing|bill|payments?|payouts?|credit cards?|credit notes?|refunds?|pricing|price list|discounts?|rebates?|incentives?|commissions?|purchase orders?|licen[cs]e (count|keys?|renewals?|changes?)|subscriptions? renewal|charges?|seats)\b|請求書|請求|支払|振り込|振込|インボイス|返金|価格|値引|インセンティブ|リベート|ライセンス(数|変更)/, penalty: 3 },
  { id: 'onboarding_or_enrolment', pattern: /\b(onboarding|enrol(l)?ment in the partner|partner (network|program)|mpn|partner id|program (application|membership)|competenc(y|ies)|designation|agreement|contract|tax (profile|id)|bank details|reseller relationship|invitation)\b|オンボーディング|パートナー(登録|ネットワーク)|契約|プログラム(への)?参加|税務|銀行口座|審査/, penalty: 3 },
  { id: 'api_limits', pattern: /\b(rate limit(s|ed|ing)?|throttl(e|ed|ing)|429|quota|too many requests|requests per (second|minute))\b|レート制限|スロットリング|リクエスト数の上限|上限に達/, penalty: 3 },
  { id: 'lost_or_new_phone', pattern: /\b(lost|stolen|broken|broke|new|replaced|changed|upgraded|reset|wiped|switched) (my |his |her |their |our |the |a )?(phone|smartphone|mobile|device|handset|iphone|android)\b|\b(phone|device) (was |got )?(lost|stolen|broken|replaced|reset|wiped)\b|\bclock on the phone\b|紛失|盗難|機種変更|機種変|買い替え|故障|初期化|新しい(携帯|スマホ|スマートフォン|端末)/, penalty: 4 },
  { id: 'how_to_question', pattern: /\breset (the |my |his |her |their )?(mfa|registration|authenticator|methods?|security info)\b|\bre ?(register|enrol+|configure|setup|set up)\b|\bhow (do|can|to|should) (i|we|you)? ?(register|set up|setup|enable|configure|turn on|add|connect|reset|send)\b|\bwhere (do|can|should) .{0,40}(register|set up|enrol)|\bregister (their|my|our|his|her) mfa|\bsecurity defaults\b|\b(codes?|otp) (are |is )?(always )?(wrong|invalid|not working|rejected)\b|\btime (sync|drift|skew)\b|\bwhich role do we need\b|再登録|リセット|登録(方法|手順)|設定(方法|手順)|手順を教えて|方法を教えて|やり方|どうすれば|有効化の手順|セキュリティの既定値|コードが(違|合わ|通ら|無効|正しくありません)/, penalty: 4 },
  { id: 'hypothetical', pattern: /\b(thinking (about|of)|considering|planning to (move|migrate|switch)|evaluating)\b|\bwill (partner center|entra|it|this|that|you) (accept|recogni[sz]e|work|honou?r)\b|検討して(い|お)|移行を検討/, penalty: 4 },
  { id: 'no_exception_needed', pattern: /\b(no|don t need (an? )?|do not need (an? )?|no longer need (the |an? )?)exception\b|\b(withdraw|cancel|status of) (our|the|my) (exception )?request\b|\bhave not heard back\b|例外は(特に)?(必要ありません|不要)/, penalty: 5 },
];
