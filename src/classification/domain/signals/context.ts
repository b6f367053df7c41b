// Structural evidence: not WHICH issue a clause is about, but WHAT the clause does in the ticket. Is it
// a problem already fixed, an exception already granted, a plan for next year, a side remark, or the
// ask itself? These patterns run on normalised clauses (see ../text-normalizer.ts), like the issue
// signals, and their ids ("context:resolved", ...) are listed in the result when they decide.

import { alternatives, group, r } from './alternatives.js';

// Negated fixes ("not fixed", "can't be resolved") are not fixes.
const NOT_BEFORE = r`(?<!\b(not|never|isn t|wasn t|hasn t|haven t|can t|cannot|couldn t|be|been not|un) )`;

/** A problem that is over: fixed, sorted, explained. What the clause names is not what is asked now. */
export const RESOLVED = alternatives([
  NOT_BEFORE + r`\b(fixed|resolved|sorted( out)?|solved)\b(?! (line|lines|ip|phones?|desk|schedule|number|address|set|by))`,
  r`\b(works|loads|went) (fine|now|again|correctly|as expected|through)\b`,
  r`\b(now|everything|all) works\b`,
  r`\b(it|this|that|everything) (now )?works (fine|now|again)\b`,
  r`\bexception .{0,40}\bis working\b`,
  r`\bworks for everyone\b`,
  r`\bthank(s| you) for (resolving|fixing|the fix|sorting|clarifying)\b`,
  r`\bturned out\b`,
  r`\b(handled|taken care of|dealt with) now\b`,
  r`\bjust fine\b`,
  r`(移行|対応|切り替え|切替)(が|は)?(済んで|済み)`,
  r`(こちらは|これは|その件は|この件は)問題(は)?(ありません|ございません|ない)`,
  r`問題なく(運用|動作|利用|接続)(でき|して|され)`,
  r`(求められ|要求され|表示され)なくなりました`,
  r`(ご説明|ご回答|ご案内|ご教示)(いただき|頂き) ?ありがとう`,
  r`\bno longer (an issue|a problem|blocked|needed)\b`,
  r`\b(they|all|everyone) (ve|have) (all )?(done|registered|enrolled)( it)?( now)?\b`,
  r`解決(済|しました|いたしました|されました|できました|の(ご)?報告)`,
  r`解消(済|しました|いたしました|されました)`,
  r`修正(済|されました)`,
  r`原因(でした|だった)`,
  r`(できる|使える|動く|通る|入る|入れる|含まれる|渡る|認識される|満たす|繋がる|つながる|届く|見える)ように(なりました|なった|なっており|なっています)`,
]);

/** The third-party MFA now reaches the directory: the token carries mfa, the MFA is recognised. */
export const THIRD_PARTY_WORKS = alternatives([
  r`\bamr (now )?(contains|has|includes|shows|carries|with|gets)( the)?( value)?( pwd)? mfa\b`,
  r`\bamr pwd mfa\b`,
  r`(?<!\b(not|never|doesn t|does not|don t|do not|didn t|won t|can t|cannot) )` +
    r`\b(passes|sends|puts|returns|comes back with|carries|includes|shows) (the )?mfa (value )?in (the )?amr\b`,
  r`\btokens? (now |already )?(contain|contains|carry|carries|show|shows|have|has|include|includes)` +
    r`( the)?( amr)?( claim)?( value)?( pwd)? mfa\b`,
  r`\b(mfa )?claim (now )?(passes|flows|is passed|is (now )?sent|comes through|is (now )?included)\b`,
  NOT_BEFORE + r`\b(accepted|recogni[sz]ed|honou?red|satisfied) (now|fine)\b`,
  r`amr ?(に|の中に|へ)? ?mfa ?(が|も)? ?(入る|含まれる|入って(いる|おり|います)|含まれて(いる|おり|います)|載って(いる|おり|います)|(入り|含まれ) )`,
  r`amr ?(が|は)? ?pwd mfa ?(と|に)?(なって|なり)`,
  r`(トークン|amr) ?(に|の中に)? ?mfa ?(が|も)? ?(含まれる|入る|入っている)こと(を|が)?確認`,
  r`amr ?(に)? ?mfa ?(が|も)? ?入って(る|ます)`,
  r`mfa ?(が|も)? ?(入る|含まれる|渡る|通る)ように(なりました|なった|なっており|なっています|なり、)`,
  r`認識されるように(なりました|なった|なっており|なっています)`,
]);

/** An exception already granted (or a request already filed): background, not a new ask. */
export const EXISTING_EXCEPTION = alternatives([
  r`\bexception (that )?(you |we )?(was |were |has been |had been |have been )?(approved|granted)\b`,
  r`\b(approved|granted|existing|active|current) (technical )?exception\b`,
  r`\b(we|they) (were|have been|got) granted\b`,
  // "our exception" is one that exists, unless the partner is asking for it ("please approve our exception").
  r`(?<!\b(approve|grant|process|accept|review|consider) )\bour (technical |mfa )?exception(?! request)\b`,
  r`\b(our|the|my) (pending |earlier |previous )?(exception |mfa |technical )?request\b.{0,80}\b(submitted|filed|in review|pending)\b`,
  r`\bpending (exception )?request\b`,
  r`\b(status|withdraw|cancel)( of)? (our|the|my) (pending )?(exception )?request\b`,
  r`\bwe had filed\b`,
  r`\b(we|i) (had|opened|raised|filed) a (support )?(ticket|case)\b`,
  r`\b(previous|earlier|last|old) (support )?(ticket|case)\b`,
  r`\b(you|they|partner support) (approved|granted) (an |the |our )?(technical |mfa )?exception\b`,
  r`\bwho (signed off|approved)\b`,
  r`\bcovered by (the|our|an?) (existing )?exception\b`,
  r`承認(済み|済|いただ|され|を受け|して(いただ|もら))[^。]{0,40}例外`,
  r`例外が.{0,20}(失効|期限切れ)`,
  r`既存 ?の? ?(exception|例外|grant)`,
  r`(exception|例外) ?(で|に)? ?カバーされ`,
  r`弊社(テナント)?の[^。]{0,60}例外(について|に関して)`,
  r`例外[^。]{0,50}の(有効期限|期限|延長)`,
  r`承認(者|日)`,
  r`本例外`,
  r`例外.{0,40}(を|が|は)(承認|付与)(済み|されて|いただ|され)`,
  r`例外承認`,
  r`上記の例外`,
  r`(例外|承認).{0,60}期限切れ`,
  r`(既存|現在|現行)の(技術的な)?例外`,
  r`以前(提出|申請)した(例外)?(申請)?`,
  r`(例外|exception) ?を?申請(いた)?しました`,
  r`(提出|申請)済み(の)?(例外)?(申請)?`,
]);

// A plan to turn MFA itself on is the partner's rollout, not a what-if: "MFA を導入した場合、Outlook 2010
// が使えなくなります" and "if we switch on MFA, the module breaks" describe today's blocker.
const NOT_OF_MFA = r`(?<!mfa[^。]{0,10})`;
const NOT_MFA_NEXT = r`(?! (on )?(mfa|it on|on mfa|the mfa))`;

/** A plan or a what-if: the situation it describes does not exist yet. */
export const HYPOTHETICAL = alternatives([
  r`\bif (we|the deal) (ever |later |were to |decide to |goes through and we )?` +
    group([
      r`adopt`,
      r`move`,
      r`switch`,
      r`migrate`,
      r`convert`,
      r`start`,
      r`hire`,
      r`introduce`,
      r`open`,
      r`federate`,
      r`outsource`,
      r`bring`,
      r`replace`,
      r`add`,
      r`create`,
      r`buy`,
      r`acquire`,
      r`merge`,
    ]) +
    r`\b` +
    NOT_MFA_NEXT,
  r`\b(we|they) (might|may|could) (adopt|introduce|move|switch|migrate|hire|merge|acquire|implement|roll out|outsource)\b` + NOT_MFA_NEXT,
  r`\bif we do\b`,
  r`\bif it turns out\b`,
  r`\bbefore we decide\b`,
  r`\bnothing has been decided\b`,
  r`\bjust scoping\b`,
  r`\bsuppose\b`,
  r`\bhypothetical(ly)?\b`,
  r`\bscenario planning\b`,
  r`\bif one day\b`,
  r`\b(we re|we are|are) (considering|evaluating|thinking (about|of))\b` + NOT_MFA_NEXT,
  r`\bwe (plan|are planning|re planning) to (start|adopt|move|switch|introduce|migrate|outsource|hire)\b` + NOT_MFA_NEXT,
  r`\bplanning question\b`,
  r`\bjust planning\b`,
  r`\basking ahead\b`,
  r`\bno request yet\b`,
  r`\bnot (asking|filing|requesting) for (anything|anyone)\b`,
  r`仮に(?![^。]{0,15}mfa)`,
  r`仮の(話|質問|ご相談)`,
  r`検討(段階|中)`,
  NOT_OF_MFA + r`(移行|導入|採用|委託|開始|始め)(する|た)?(後|あと)(に|で)`,
  NOT_OF_MFA + r`(移行|導入|採用|委託)する(予定|計画)`,
  r`(導入|移行|採用|切り替え|切替)(を|も)?検討(して|中|しており)`,
  r`することを検討`,
  r`(組む|構築する|移行する|切り替える|始める|採用する)予定`,
  r`事前に(把握|確認|知り)`,
  r`将来的に`,
  r`(?<!(アップグレード|更新|入れ替え|リプレース|交換|replace|upgrade|refresh) ?(は|が)? ?)(来年|来年度|来期|将来|今後)(から|以降|に|は)?(?![^。]{0,40}mfa).{0,40}予定`,
  r`^ その場合`,
  r`もし(?![^。]{0,20}mfa).{0,60}場合`,
  NOT_OF_MFA + r`(導入|移行|リプレース|購入)前`,
  r`事前(に)?(確認|相談)`,
  NOT_OF_MFA + r`(リプレース|入れ替え|導入|移行)予定で`,
  r`計画があります`,
  NOT_OF_MFA + r`(始めた|移行した|導入した|採用した|なった|された|委託した|連携した|切り替えた|出てきた)場合`,
  r`現時点での申請ではありません`,
]);

/** A side remark the ticket says is not part of the ask ("covered by a separate request", "no exception needed for that part"). */
export const ASIDE = alternatives([
  r`\bcovered by (a |another )?separate (request|ticket)\b`,
  r`\bno exception needed for (that|this) (part|one)\b`,
  r`\b(we ll|we will) (deal with|handle) (that|this|it) (when|later|separately)\b`,
  r`別途(対応|申請|ご相談)`,
  r`申請(の)?対象外`,
  r`今回の申請(の)?対象(では|で)(ありません|はありません|ない)`,
  r`\bbeing (upgraded|replaced|migrated) .{0,20}\banyway\b`,
  r`\bless important\b`,
  r`\bno action needed\b`,
  r`\bignore (it|that|this)\b`,
  r`\bwe ll sort (that|this|it) (out )?(internally|ourselves)\b`,
  r`\bnot a reason for an exception\b`,
  r`\bpriced .{0,30} as an alternative\b`,
  r`別(途|の)(申請|チケット|リクエスト)`,
]);

/** A clause that turns to the matter at hand: it is the ask even inside a background sentence. */
export const TURN = alternatives([
  r`^ (but|however|now|still|yet|remaining)\b`,
  r`^ (new (problem|ask|issue)|different issue|the (remaining|actual|real) (problem|ask|issue|request)|what we actually)\b`,
  r`^ the (issue|problem) (now|today)\b`,
  r`^ (unrelated|independently|separately|apart from that|regardless)\b`,
  r`^ (しかし|ところが|ただ|一方|今回|本題|本日)`,
  r`^ その前に`,
  r`それと(は)?(関係なく|別に)`,
  r`残って(いる|る)(課題|問題)`,
  r`別件`,
]);

/** The partner asking for something now: an exception, more time, an exclusion. */
export const REQUEST = alternatives([
  r`(?<!\bwould \w+ be )\b(possible|able) to (get|have|obtain|be granted)\b`,
  r`\b(get|grant|obtain|apply for|file for) (an |a )?(technical |temporary )?(exception|exemption|extension)\b`,
  r`(猶予|例外|除外|適用|抑制|exception|exemption|extension) ?(を)?(いただく|いただける|して(もら|いただ)|する)ことは(可能|できます)`,
  // Requests put as questions: "対象外にできますか", "外していただくことは可能でしょうか", "例外にしてもらえませんか".
  r`(外|除外|対象外|例外|適用除外)(に|と)?(して|し)?(いただく|いただける|もらう|もらえる)(こと)?(は)?(可能|でき)`,
  r`(除外|対象外|例外|適用除外)(に|と)?(は)?(でき|可能)`,
  r`(して|し)?もらえ(ませんか|ないでしょうか|ますか|ないですか)`,
  r`\b(please|pls|plz|kindly)\b`,
  r`\brequest(ing|ed)? (an? |the )?(technical )?(exception|exclusion|extension|waiver)\b`,
  r`\bexception (requested|needed|pls|please|for (these|this|the|them|our|\d+))\b`,
  r`\b(we d|we would|i d|i would) like (an? |to request )?(technical )?(exception|extension)\b`,
  r`\bneed (an? |this |these |the )?(technical |temporary )?(exception|exclusion|extension|exemption)\b`,
  r`\b(can|could|may) (we|they|these|these \d+|i|you) (get|have|be (granted|excepted|exempted|excluded))\b`,
  r`\b(asking|ask) for (an? |the )?(technical )?(exception|extension)\b`,
  r`\b(exempt|exclude|suppress|except)(ed|ing)?\b`,
  r`お願い(します|いたします|できます|できません|申し上げます)(?<!よろしくお願い(します|いたします|申し上げます))`,
  r`申請(します|いたします|させていただ|させてください)`,
  r`希望(します|いたします|です)`,
  // "ご教示いただけますと幸いです", "確認させてください": asking to be told, not asking for an exception.
  r`(?<!(ご教示|教えて|ご回答|ご案内|ご確認|お知らせ|させて) ?)(いただけ(ない|ます)|ください|下さい)`,
  r`(?<!(ご教示|教えて|ご回答|ご案内|ご確認|お知らせ).{0,12})(幸い|助かります)`,
  r`(除外|適用除外|対象外)(に|と)?(して|し)`,
]);

/**
 * Something does not work now: the problem statement of a ticket. A ticket naming 6 or 7 with neither
 * this nor a request in its ask is describing, planning or asking about, not asking for an exception.
 */
export const FAILURE = alternatives([
  r`\b(fail|fails|failed|failing|failure|broke|breaks|broken|blocked|blocks|blocking|locked out|kills|dead)\b`,
  r`\b(stop|stops|stopped) (working|syncing|sending|receiving)\b`,
  r`\b(can t|cannot|can not|unable to|not able to|won t|couldn t|cant|wont|doesnt|dont|isnt)\b`,
  r`\b(no way|no setting|no option|no supported)\b`,
  r`\b(doesn t|does not|don t|do not|isn t|is not) (treat|count|consider|take)\b`,
  r`\bprompts? (again|twice|a second time)\b`,
  r`\b(doesn t|does not|don t|do not|didn t|did not|isn t|is not|aren t|are not|wasn t|never) ` +
    r`(work|support|pass|flow|carry|reach|include|emit|recogni[sz]e|let|allow|honou?r|accept|see|show|get|receive|` +
    r`arrive|complete|register|count|treat)`,
  r`\bnot (supported|recogni[sz]ed|passed|working|possible|compatible|an option|honou?red|accepted)\b`,
  r`\b(no|without) (mfa )?support\b`,
  r`\b(lacks?|lacking|incompatible|missing)\b`,
  r`\b(access (is )?denied|error|401|unauthori[sz]ed|prompted (again|twice)|double prompt|asks? (again|for mfa again)|sent back)\b`,
  r`\bonly (works|does|supports) basic\b`,
  r`でき(ません|ない|ず|なく|なかった)`,
  r`(失敗|エラー|停止|ループ|拒否)`,
  r`止ま(る|り|って)`,
  r`使え(ない|ません|なく|ず)`,
  r`(非対応|未対応|対応して(い|お)(ない|らず|りません))`,
  r`認識(されな|されず|されま|しな|しま|してくれ)`,
  r`(渡ら|渡せ|伝わら|流れ|届か)(な|ず|ま)`,
  r`(され|くれ|通ら|受け取れ|反映され|完了し)(ない|ません|ず|なかった)`,
  r`(含まれ|入ら|入って(い|お)ら)(ず|な|ま)`,
  r`(再度|もう一度|改めて|二重に).{0,20}(求め|要求)`,
  r`繋がら|つながら|接続でき`,
  r`(入れ|動か|使え|送れ|届か)なく`,
  r`扱(って|わ)(くれ)?(ない|ません|れない|れず)`,
  r`(判定|認識|連携|サポート)(されて|して)?(い|お)?(ない|ず|ません|らず|りません)`,
  r`受け取れ(ない|ず|て(い|お)(ない|ません|りません))`,
  r`入りません`,
  r`(渡せ|流せ|出せ)(ない|ません|ず)`,
  r`不可`,
]);

/** A question about an exception that exists: when it ends, how to extend, change or withdraw it. */
export const EXISTING_QUESTION = alternatives([
  r`\b(expire|expires|expiry|expiring|expiration|lapse|validity|valid for)\b`,
  r`\b(extend|extended|extension|renew|renewal|revoke|revoked|amend|withdraw|cancel|close)\b`,
  r`\b(cover|covers|covered|appl(y|ies) to)\b`,
  r`\b(remove|delete|approver|approval|approved|signed off)\b`,
  r`\badd .{0,30}\b(to (the same|the existing|our|this|that) exception)\b`,
  r`\b(status|in review|update on)\b`,
  r`有効期限`,
  r`期限`,
  r`延長`,
  r`更新`,
  r`付け替え`,
  r`追加`,
  r`変更`,
  r`取り?下げ`,
  r`取り?消し`,
  r`削除`,
  r`外(し|す)`,
  r`退職`,
  r`承認(者|日)`,
  r`対象者`,
]);

/** Asking whether a situation would qualify, rather than asking for an exception. */
export const ELIGIBILITY_QUESTION = alternatives([
  r`\bwould (we|they|that|it|this|you|there|(our|those|these|the) \w+) ` +
    r`(qualify|be (eligible|grounds|able to get|covered)|need|require|grant|have to)\b`,
  r`\b(will|do) we (need|qualify)\b`,
  r`\bcan we apply\b`,
  r`対象(に|と)なり(ます|得ます)(か|でしょうか)`,
  r`申請(は)?(できる|可能)(の)?(でしょうか|ですか)`,
  r`申請でき(ますか|るのか|るでしょうか)`,
  r`(認められ|受けられ)(ますか|るのでしょうか|るでしょうか)`,
  r`(申請|例外)(する)?ことは可能`,
  r`(例外|申請)(が|は)?必要(に)?なりますか`,
  r`満たせ(ますか|るのでしょうか|るでしょうか)`,
  r`\bwhat (details|information) would\b`,
]);

/** A question, read on the raw clause (normalised text has no question marks). */
export const QUESTION = /[?？](\s|$)|でしょうか|ですか|ますか/u;

/** "Exception?" on its own: a terse way to ask for one. */
export const BARE_EXCEPTION_QUESTION = new RegExp(
  [
    r`\b(exception|exemption)\s*[?？]`,
    r`\b(is|would) (an |a )?(technical )?exception (be )?(possible|available|an option)\b`,
    r`例外(の)?(申請|適用)?(は|を)?(可能|いただけ|もらえ|でき)`,
    // What to do about the problem just stated: asking for help with it, not about something else.
    r`どう(すれば|したら)(よい|いい|良い)`,
    r`(対応|回避)(方法|策)`,
    r`\bwhat (can|should|do) we do\b`,
    r`\bhow (should|do|can) we (proceed|handle|deal|get around)\b`,
    r`\bwhat are (our|the) options\b`,
    r`\b(any|is there an?) (workaround|alternative)s?\b`,
    r`\bcan (they|we|it|this) wait\b`,
  ].join('|'),
  'iu',
);

/** The ticket says no exception is wanted: a report, a check of the set-up, a confirmation for auditors. */
export const NO_REQUEST = alternatives([
  r`\bnot (requesting|asking for|filing) (an |a |any )?(technical )?exception\b`,
  r`\bno (technical )?exception (is )?(needed|required)\b`,
  r`\b(don t|do not|doesn t|does not|no longer) need (an |a |the |any )?(technical )?exception\b`,
  r`\bdo (we|i|they) need to (file|submit|request|apply)\b`,
  r`\bdo we need (an |a |any )?(technical )?exception\b`,
  r`\bis (an |a )?(technical )?exception (needed|required)\b`,
  r`\bconfirm(ation)? that we don t need\b`,
  r`\bjust (curious|checking|want to make sure)\b`,
  r`\bnot blocking\b`,
  r`\bnot (requesting|asking for) anything\b`,
  r`\bnothing (is )?needed from (you|us)\b`,
  r`\bnothing is (broken|blocked|failing)\b`,
  r`申請(は)?(行わず|しません|不要)`,
  r`(例外|申請)(は|の)?(提出)?(不要|必要(あり)?ません)`,
  r`(例外|申請)(は|が)?(必要|不要)(でしょうか|ですか|という理解)`,
  r`提出不要`,
  r`特に困っていることはありません`,
  // Nothing is wrong today: whatever the ticket goes on to imagine, there is no blocker to except.
  r`(現在|現時点|今)(は|では)?.{0,30}問題(は)?(ありません|ない|なく)`,
  r`\b(we )?(don t|do not) have any (problem|issue)s? today\b`,
  r`\bno (problem|issue)s? today\b`,
  r`念のため.{0,10}(報告|ご報告|記録)`,
  r`(例外|申請)(は)?(出さない|提出しない|見送)`,
  r`(例外|申請)(は)?(申請)?(せず|しないこと)`,
  r`(例外|申請)(は|も)? ?(もう)?(いらない|要らない|いりません|要りません)`,
  r`クローズ ?(で|して|いただ|いたし|を)`,
  r`\bclose (this|the ticket|the request|the case|it)\b`,
  r`差し支え(ございません|ありません)`,
]);

/** The accounts work in the partner's own tenant only: Exchange Online PowerShell there is not issue 6. */
export const OWN_TENANT = alternatives([
  r`\bour own (tenant|mailbox|mailboxes|m365|microsoft 365|office 365|company|helpdesk mailbox|internal tenant|exchange)\b`,
  r`\bown tenant\b`,
  r`\binternal tenant\b`,
  r`\bno delegatedorg`,
  r`\bno customers( involved)?\b`,
  r`\b(not|never|don t|do not|doesn t|does not) (connects?|signs? in|logs? in) (to|into) (any )?customer`,
  r`自社(の)?テナント`,
  r`自社(の)?メールボックス`,
  r`顧客テナントに(は)?(接続|サインイン|アクセス)(しません|しない|していません)`,
  r`delegatedorg ?(も|は)?(使って|使用して)(いません|おりません)`,
]);
