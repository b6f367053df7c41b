// Structural evidence: not WHICH issue a clause is about, but WHAT the clause does in the ticket. Is it
// a problem already fixed, an exception already granted, a plan for next year, a side remark, or the
// ask itself? These patterns run on normalised clauses (see ../text-normalizer.ts), like the issue
// signals, and their ids ("context:resolved", ...) are listed in the result when they decide. What the
// ask itself does (requests, questions, a problem stated) is in asking.ts.

import { alternatives, group, r } from './alternatives.js';

// Negated fixes ("not fixed", "can't be resolved") are not fixes.
const NOT_BEFORE =
  r`(?<!\b(not|never|isn t|wasn t|hasn t|haven t|can t|cannot|couldn t|be|been not|un) )` +
  // "while that is sorted out", "until it gets fixed": a fix still to come.
  r`(?<!\b(while|until|till|once|when|as soon as) [a-z ]{0,30}\b(is|are|gets?|has been) )`;

/** A problem that is over: fixed, sorted, explained. What the clause names is not what is asked now. */
export const RESOLVED = alternatives([
  NOT_BEFORE + r`\b(fixed|resolved|sorted( out)?|solved|settled)\b(?! (line|lines|ip|phones?|desk|schedule|number|address|set|by|term))`,
  r`\b(works|loads|went) (fine|now|again|correctly|as expected|through)\b`,
  r`\b(now|everything|all) works\b`,
  r`\b(it|this|that|everything) (now )?works (fine|now|again)\b`,
  r`\bexception .{0,40}\bis working\b`,
  r`\bworks for everyone\b`,
  r`\bthank(s| you) for (resolving|fixing|the fix|sorting|clarifying)\b`,
  r`\bturned out\b`,
  r`\b(handled|taken care of|dealt with) now\b`,
  r`\bjust fine\b`,
  r`\b(handles|supports|does) mfa (fine|correctly|well|without (any )?(issues?|problems?))\b`,
  r`\balready (moved|migrated|switched|upgraded)\b`,
  // "the new module works with MFA … and we've moved over, so we've withdrawn that request"
  r`\bworks with mfa\b`,
  r`\b(we ve|we have) (moved|migrated|switched) (over|across)\b`,
  r`\b(withdrawn|withdrew) (that|the|our) (request|ticket)\b`,
  r`\b(is|are) (fine|working) (for us|now)\b`,
  // "Our Outlook 2010 machines were retired last week": the blocker itself is gone.
  r`\b(were|was|have been|has been) (retired|decommissioned)\b`,
  // "Our GDAP technicians were enrolled in MFA last quarter."
  r`(?<!\b(only|just|half|some|few|\d+ of)\b.{0,40})\b(were|was|have been|has been|got) (all )?(enrolled|registered|onboarded) (in|for|on|with|to) mfa\b`,
  r`\bdisregard (the|our) (earlier|previous|old)\b`,
  r`(移行|対応|切り替え|切替)(が|は)?(済んで|済み)`,
  r`(こちらは|これは|その件は|この件は)問題(は)?(ありません|ございません|ない)`,
  r`問題なく(運用|動作|利用|接続)(でき|して|され)`,
  r`(求められ|要求され|表示され)なくなりました`,
  r`(ご説明|ご回答|ご案内|ご教示)(いただき|頂き) ?ありがとう`,
  r`\bno longer (an issue|a problem|blocked|needed|relevant)\b`,
  // "That's all gone now … No issue there."
  r`\b(that s|it s) all gone\b`,
  r`\bno (issue|problem)s? there\b`,
  r`\b(they|all|everyone) (ve|have) (all )?(done|registered|enrolled)( it)?( now)?\b`,
  r`解決(済|しました|いたしました|されました|できました|の(ご)?報告)`,
  // 「…追加したことで解決し、…」「RSA 連携は解決」: a problem over, mid-sentence or in a title.
  r`解決し(?!(な|ま?せ|て(い|お)(な|ら|ま)))`,
  r`は解決( |$)`,
  r`解消(済|しました|いたしました|されました)`,
  // 「携帯を紛失した担当者の再登録が完了しました」
  r`(再登録|再設定|リセット|復旧)(が|は)?完了(しました|いたしました|した(?!ら)|しており|しています|し ?$)`,
  r`修正(済|されました)`,
  // 「第1段階として…9月末までに MFA の登録・有効化を完了いたしました」: that group is done.
  r`(登録|有効化|展開|導入|移行)(を|が)完了(いたしました|しました)`,
  r`問題なく(行え|動作|接続|利用|実行)(る|す)?ことを確認`,
  // "Earlier this year we had trouble with Exchange Online PowerShell … that issue is gone."
  r`\bwe had (trouble|problems|issues) with\b`,
  r`\bwe had (that|this|the same|a similar) (problem|issue)\b`,
  r`\b(that|the|this) (issue|problem) is gone\b`,
  r`原因(でした|だった)`,
  r`(できる|使える|動く|動作する|行える|通る|入る|入れる|含まれる|渡る|認識される|満たす|繋がる|つながる|届く|見える)ように(なりました|なった|なっており|なっています)`,
  // 「管理者による再登録が完了し、問題なく業務に復帰しております」
  r`復帰(しました|いたしました|しております|して(い|お)ります)`,
  // "our engineers now connect … without problems, so please consider that topic closed"
  r`\bconsider (that|this|the) (topic|issue|ticket|case|one|matter) (as )?closed\b`,
  r`\bnow (connect|connects|work|works|sign in|signs in|run|runs|log in|logs in)\b.{0,80}\bwithout (any )?(problems?|issues?|trouble|errors?)\b`,
]);

/** The third-party MFA now reaches the directory: the token carries mfa, the MFA is recognised. */
export const THIRD_PARTY_WORKS = alternatives([
  // 「token もちゃんと mfa 入り」「Okta の MFA がトークンにも反映され」
  r`(token|トークン) ?(も|に|には)? ?(ちゃんと|きちんと|正しく)? ?mfa ?(が)? ?(入り(?!ませ)|(入って|含まれて|載って)(い|お)(る|ます|ります)|含まれ(る|ます))`,
  r`mfa ?(が|は) ?(トークン|token) ?(に|にも) ?(も)?(反映され(?!(ない|ず|ませ|て(い|お)(ない|らず|ません|りません)))|(含まれて|載って)(い|お)(る|ます|ります)|含まれ(る|ます))`,
  r`\bamr (now )?(contains|has|includes|shows|carries|with|gets)( the)?( value)?( pwd)? mfa\b`,
  r`\bamr pwd mfa\b`,
  r`(?<!\b(not|never|doesn t|does not|don t|do not|didn t|won t|can t|cannot) )` +
    r`\b(passes|sends|puts|returns|comes back with|carries|includes|shows) (the )?mfa (value )?in (the )?amr\b`,
  r`\btokens? (now |already )?(contain|contains|carry|carries|show|shows|have|has|include|includes)` +
    r`( the)?( amr)?( claim)?( value)?( pwd)? mfa\b`,
  r`\b(mfa )?claim (now )?(passes|flows|is passed|is (now )?sent|comes through|is (now )?included)\b`,
  NOT_BEFORE + r`\b(accepted|recogni[sz]ed|honou?red|satisfied) (now|fine)\b`,
  // "含まれておりませんでした" says the opposite.
  r`amr ?(に|の中に|へ)? ?mfa ?(が|も)? ?(入る|含まれる|入って(いる|おり|います)|含まれて(いる|おり|います)|載って(いる|おり|います)|(入り|含まれ) )(?!ませ|ません)`,
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
  // "For context: we had an exception last year for our Exchange PowerShell users."
  r`\bwe had an? (technical |mfa )?exception\b`,
  // "We hold a technical exception for 4 Exchange admins, granted in December."
  r`\bwe (hold|currently have|already have|were granted) (a |an |the |one )?(technical |mfa )?exception\b(?! (error|message|when|while|thrown))`,
  r`\bexception for .{0,80}\b(was|were|has been|had been) (approved|granted)\b`,
  // A case with a vendor is not one with the platform: "we opened a case with Okta".
  r`\b(we|i) (had|opened|raised|filed) a (support )?(ticket|case)\b(?! with (?!(you|your|microsoft|partner support|support)\b))`,
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
  r`申請(して|いた)(おりま|いま)した`,
  r`承認の ?(ご)?(連絡|通知)`,
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
      r`federated?`,
      r`outsource`,
      r`bring`,
      r`replace`,
      r`add`,
      r`create`,
      r`buy`,
      r`acquire`,
      r`merge`,
      r`adopted`,
      r`moved`,
      r`switched`,
      r`introduced`,
      r`started`,
      r`outsourced`,
    ]) +
    r`\b` +
    NOT_MFA_NEXT,
  r`\b(we|they) (might|may|could) (adopt|introduce|move|switch|migrate|hire|merge|acquire|implement|roll out|outsource)\b` + NOT_MFA_NEXT,
  r`\bif we do\b`,
  // "If our Okta rollout goes ahead next year, …"
  r`\bif (our|the) .{0,40}\b(goes ahead|go ahead|happens|is approved|proceeds)\b`,
  r`\bif it turns out\b`,
  r`\bbefore we decide\b`,
  r`\bnothing has been decided\b`,
  r`\b(haven t|have not|not yet) decided\b`,
  r`\bbefore deciding\b`,
  r`\bbefore we (file|submit|request|apply for) (anything|an exception|a request|one)\b`,
  r`\bif .{0,60}\bby then\b`,
  r`\bjust scoping\b`,
  r`\bsuppose\b`,
  r`\bhypothetical(ly)?\b`,
  r`\bscenario planning\b`,
  r`\bif one day\b`,
  r`\b(we re|we are|are|is) (considering|evaluating|thinking (about|of))\b` + NOT_MFA_NEXT,
  r`\bwe (are|re) (acquiring|merging with|taking over)\b`,
  r`\bshould (that|this) happen\b`,
  r`\bonce (they|the staff|the users) (join|move to|migrate to)\b`,
  r`\bwe (plan|are planning|re planning) to (start|adopt|move|switch|introduce|migrate|outsource|hire|onboard)\b` + NOT_MFA_NEXT,
  r`\bplanning question\b`,
  // "Should we plan on filing an exception for them when they start?": asked about, not filed.
  r`\bshould we (plan (on|to) )?(file|filing|request|requesting|apply|applying) (for )?(an exception|one)\b`,
  r`\bjust planning\b`,
  r`\basking (ahead|in advance)\b`,
  r`\bno request yet\b`,
  r`\bnot (asking|filing|requesting) for (anything|anyone)\b`,
  r`仮に(?![^。]{0,15}mfa)`,
  r`仮の(話|質問|ご相談)`,
  r`検討(段階|中)`,
  NOT_OF_MFA + r`(移行|導入|採用|委託|開始|始め)(する|た)?(後|あと)(に|で)`,
  NOT_OF_MFA + r`(移行|導入|採用|委託)する(予定|計画)`,
  r`(導入|移行|採用|切り替え|切替)(を|も)?検討(して|中|しており)`,
  // "受付にタブレット端末を置くことを検討しています": any plan put as being considered.
  r`(る|く|す|う|つ|ぶ|む|ぐ)ことを検討`,
  r`(組む|構築する|移行する|切り替える|始める|採用する)予定`,
  r`事前に(把握|確認|知り)`,
  r`将来的に`,
  r`(?<!(アップグレード|更新|入れ替え|入替|リプレース|交換|更改|改修|刷新|replace|upgrade|refresh)(の)?(完了|作業)? ?(は|が)? ?)(来年|来年度|来期|将来|今後)(から|以降|に|は)?(?![^。]{0,40}mfa).{0,40}予定(?!(は|も)?(ない|ありません|ございません|なし))`,
  r`^ その場合`,
  r`もし(?![^。]{0,20}mfa).{0,60}場合`,
  NOT_OF_MFA + r`(導入|移行|リプレース|購入)前`,
  r`事前(に)?(確認|相談)`,
  NOT_OF_MFA + r`(リプレース|入れ替え|導入|移行)予定で`,
  r`計画があります`,
  NOT_OF_MFA + r`(始めた|移行した|導入した|採用した|なった|された|委託した|連携した|切り替えた|出てきた)場合`,
  r`現時点での申請ではありません`,
  // "We still need to decide whether to file an exception": whether to file is still open.
  // 「…間に合わなかったら、その時点で猶予を申請できますか」: a request for later, on a condition.
  r`その(時点|時|とき)(に|で)(は)?.{0,20}(申請|相談)(でき|する|させ)`,
  r`\b(decide|deciding|decision on) (whether|if) to (file|request|apply for)\b`,
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
  // "Also, purely informational: we use Exchange Online PowerShell for our own tenant."
  r`\b(purely|just|only) informational\b`,
  r`\bside question\b`,
  // 「まず、ご報告として、…紛失いたしました。…対応は不要です」: told for information, not asked.
  r`ご報告(として|ですが|まで)`,
  // Disclaimers up front: "we are NOT asking about Exchange Online PowerShell", 「…を管理している話ではありません」.
  r`\b(we are|we re|i am|i m) not asking about\b`,
  r`話では(ありません|ない|ございません)`,
  r`誤解のないよう`,
  r`先に断っておくと`,
  r`(弊社|自社)(自身)?の ?テナント(について|に関して)は`,
  // 「ついでにもう一点、…方法があれば教えてください」: a side question after the ask.
  r`ついでに ?もう(一点|ひとつ|1点|一つ)`,
  r`(対応|ご対応)(は|も)?(不要|必要(は)?(ありません|ございません))(?! ?(でしょうか|ですか|か))`,
  // 「顧客テナントには入らないため急ぎではないと理解しています」: that group is not part of the ask.
  r`急ぎ(では|で)?(ない|ありません|ございません)`,
  r`\bno action needed\b`,
  r`\bno need to (address|handle|cover|look at|include) (that|this|it|them|those)\b`,
  r`\b(we ll|we will) (upgrade|replace|fix|handle|sort|migrate) (them|it|that|those|these)( out)? ourselves\b`,
  r`\bignore (it|that|this)\b`,
  r`\bwe ll sort (that|this|it) (out )?(internally|ourselves)\b`,
  r`\bnot a reason for an exception\b`,
  r`\bpriced .{0,30} as an alternative\b`,
  r`別(途|の)(申請|チケット|リクエスト)`,
  r`(今回の)?申請(に|には|から)(は)?(含めません|含めず|含めない|入れません|含みません)`,
  r`(社内|自社)の(計画|スケジュール|予定)(どおり|通り)`,
  // 「(1)につきましては、…社内で対応いたします」: the partner deals with that one itself.
  r`(社内|自社|弊社)(で|にて)(対応|解決)(いたします|致します|します|する予定です|する予定) ?$`,
  // "営業部については社内スケジュールどおり順次進めます": that group is the partner's own business now.
  r`(について|に関して)(は)?.{0,20}(社内|自社|弊社|こちら)(で|の)?(スケジュール|予定)?(どおり|通り)?.{0,10}(対応|進め)`,
]);

/** A clause that turns to the matter at hand: it is the ask even inside a background sentence. */
/**
 * A title part that is only a status note, "(承認済み)", "(resolved)": it says what became of the title
 * part before it ("Re: Exchange Online PowerShell の件（承認済み）／スキャナーについて").
 */
export const TITLE_NOTE_RESOLVED = /^ ?(解決済み?|解決しました|解消済み?|対応済み?|resolved|fixed|solved|sorted|closed) ?$/;
export const TITLE_NOTE_GRANTED = /^ ?(承認済み?|承認されました|approved|granted) ?$/;

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

/**
 * A clause ending "…ですが、" / "…けど、" (Japanese "but"): the clause after it turns, as after English
 * "but" (which CLAUSE_BREAK keeps with the second part). "来年 Okta に移行する予定ですが、エージェントの
 * MFA 登録が遅れています" asks about the agents.
 */
export const TURN_AFTER = alternatives([r`(です|ます|でした|ました|ません|ある|いる|おり|ない|た|だ)が ?$`, r`(けれど(も)?|けど) ?$`]);

/**
 * A clause that sets a condition (「仮に…対応していなかった場合、」): a request right after it in the same
 * sentence, when the condition is itself a what-if, is asked on that condition. Not 「…の場合」 (a topic)
 * nor "if possible" (a courtesy).
 */
export const CONDITION = alternatives([
  r`(た|ない|なければ|できない|る)場合 ?$`,
  r`^ (if|in case|should) (?!(possible|you can|you could|needed|necessary|so|applicable|required)\b)`,
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
