// What a ticket asks: whether it requests something now (an exception, more time, an exclusion), states
// a problem, asks a question (about an existing exception, whether a situation qualifies) or says no
// exception is wanted. Patterns run on normalised clauses (see ../text-normalizer.ts), except QUESTION
// and BARE_EXCEPTION_QUESTION, which read the raw clause.

import { alternatives, r } from './alternatives.js';

/** The partner asking for something now: an exception, more time, an exclusion. */
export const REQUEST = alternatives([
  r`(?<!\bwould \w+ be )\b(possible|able) to (get|have|obtain|be granted)\b`,
  r`\b(get|grant|obtain|apply for|file for) (an |a )?(technical |temporary )?(exception|exemption|extension)\b`,
  r`(猶予|例外|除外|適用|抑制|exception|exemption|extension) ?(を)?(いただく|いただける|して(もら|いただ)|する)ことは(可能|できます)`,
  // Requests put as questions: "対象外にできますか", "外していただくことは可能でしょうか", "例外にしてもらえませんか".
  r`(外|除外|対象外|例外|適用除外)(に|と)?(して|し)?(いただく|いただける|もらう|もらえる)(こと)?(は)?(可能|でき)`,
  r`(除外|対象外|例外|適用除外|exception) ?(に|と)?(は)?(でき|可能)`,
  r`(して|し)?もらえ(ませんか|ないでしょうか|ますか|ないですか)`,
  // Casual: "例外にしてもらえる？", "猶予をいただけたり".
  r`(例外|除外|対象外|猶予)(に|と|を)?(して|し)?(もらえ|いただけ)`,
  r`お願いしたい`,
  // Casual: 「例外いけますか？」
  r`例外(って|は)? ?(いけ|行け)(ますか|る|そう)`,
  // "対象外とすることはできますでしょうか", "exception を申請できますでしょうか": a request put as a question.
  r`(対象外|除外|例外)(に|と) ?すること(は)?(可能|でき)`,
  r`(対象外|除外|例外)(に|と) ?(させて|して)(いただく|もらう)こと(は)?(可能|でき)`,
  r`申請(は|が)? ?(でき|可能)`,
  r`\b(please|pls|plz|kindly)\b`,
  r`\brequest(ing|ed)? (an? |the )?(technical )?(exception|exclusion|extension|waiver)\b`,
  r`(?<!\bno (technical )?)\bexception (requested|needed|pls|please|for (these|this|the|them|our|\d+))\b`,
  r`\b(we d|we would|i d|i would) like (an? |to request )?(technical )?(exception|extension)\b`,
  r`\bneed (an? |this |these |the )?(technical |temporary )?(exception|exclusion|extension|exemption)\b`,
  r`\b(can|could|may) (we|they|these|these \d+|i|you) (get|have|be (granted|excepted|exempted|excluded))\b`,
  // "Can those two have an exception in the meantime?": any subject, but the exception named.
  r`\b(can|could|may) (these|those|the|our)( \w+)? (get|have) (an? |the )?(technical |temporary )?(exception|exemption|extension|exclusion)\b`,
  // "Our ask is for a 30-day extension"; "can this ticket serve as the request?"
  r`\bour (ask|request) (here )?is (for|that|to)\b`,
  r`\btreat this as (a|an|the|our) (technical )?exception request\b`,
  // Leaving MFA off for now, asked as permission: "is it OK to leave MFA off for them until…",
  // 「それまで MFA なしで運用したい」「このままで大丈夫ですか」.
  r`\bis it (ok|okay|alright|fine|acceptable) (to|if we) (leave|keep|skip|delay|postpone|hold)\b`,
  r`(mfa|多要素認証) ?(なし|無し|を導入せず|を有効にせず|を適用せず)(で|に) ?(運用|利用|使用)(し|させ)(たい|て(いただ|もら)|て(よい|いい|良い|も))`,
  r`このまま(で)?(大丈夫|問題ない|よい|いい)(ですか|でしょうか)`,
  r`\b(can|could) (this|these|the|our)( \w+){0,3} accounts? be (left out|excluded|exempted|excepted|removed)\b`,
  r`\bneed (roughly |about |around |approximately |another |an extra )?(\d+ |a few |a couple of |two |three |four |six |eight |twelve )?more (weeks|months|days)\b`,
  r`\b(can|could) this (ticket|case|message) (serve|count|be (used|treated|taken)) as (the|a|our) (request|application)\b`,
  r`\b(asking|ask) for (an? |the )?(technical )?(exception|extension)\b`,
  // "The exception we're asking for is for the PingID issue only."
  r`\bexception (we re|we are|i m|i am) (asking|applying) for\b`,
  // "Could enforcement be postponed for them?": more time asked for as a question.
  r`\b(can|could) .{0,30}\bbe (postponed|deferred|delayed|paused|waived)\b`,
  // Not "no accounts to exempt today".
  r`(?<!\b(no|nothing|nobody|no one|no \w+) to )\b(exempt(ed|ing)?|exclud(e|ed|ing)|suppress(ed|ing)?|except(ed|ing)?)\b`,
  r`お願い(します|いたします|できます|できません|できない|できれば|申し上げます)(?<!よろしくお願い(します|いたします|申し上げます))`,
  r`申請(を)? ?(します|いたします|させていただ|させてください)`,
  r`希望(します|いたします|です)`,
  // "ご教示いただけますと幸いです", "確認させてください": asking to be told, not asking for an exception.
  r`(?<!(ご教示|教えて|ご回答|ご案内|ご確認|お知らせ|お聞かせ|させて|情報を?) ?)(いただけ(ない|ます|ませんか|ませんでしょうか)|ください|下さい)`,
  r`(?<!(ご教示|教えて|ご回答|ご案内|ご確認|お知らせ|お聞かせ|情報を?).{0,12})(幸い|助かります)`,
  r`(除外|適用除外|対象外)(に|と)?(して|し)`,
  // "例外にしてほしいです": a plain (casual) request.
  r`(に|を)して(ほしい|欲しい)`,
  // 「MFA の対象から外したいです」
  r`から外し(たい|てほしい|て欲しい|ていただ)`,
  // "Could you hold the enforcement for the remaining staff?"
  r`\bhold (off )?(the )?(mfa )?enforcement\b`,
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
    r`arrive|complete|register|record|count|treat)`,
  r`\bnot (supported|recogni[sz]ed|passed|working|possible|compatible|an option|honou?red|accepted)\b`,
  r`\b(no|without) (mfa )?support\b`,
  r`\b(lacks?|lacking|incompatible|missing)\b`,
  r`\b(access (is )?denied|error|401|unauthori[sz]ed|prompted (again|twice)|double prompt|asks? (again|for mfa again)|sent back)\b`,
  r`\bonly (works|does|supports) basic\b`,
  r`\bmfa required\b`,
  r`\b(are|is|get|gets|got) stopped\b`,
  r`\bstill (says|shows|asks|requires|prompts)\b`,
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
  // "MFA の要件の対象になりますか" asks whether the requirement applies, not whether an exception would.
  r`(?<!(要件|必須化|義務化|要求|強制)(の)?)対象(に|と)なり(ます|得ます)(か|でしょうか)`,
  r`申請(は)?(できる|可能)(の)?(でしょうか|ですか)`,
  r`申請でき(ますか|るのか|るでしょうか)`,
  r`(認められ|受けられ)(ますか|るのでしょうか|るでしょうか)`,
  r`(申請|例外)(する)?ことは可能`,
  r`(例外|申請)(が|は)?必要(に)?なりますか`,
  r`満たせ(ますか|るのでしょうか|るでしょうか)`,
  r`\bwhat (details|information) would\b`,
]);

/** A question, read on the raw clause (normalised text has no question marks). */
export const QUESTION = /[?？](\s|$)|でしょうか|ですか|ますか|教えて(ください|下さい|いただけ)|ご教示(ください|下さい|いただけ)/u;

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
  // Not 'u': case-insensitive Unicode matching made this one test ~25 times slower (3 µs), and the
  // patterns are ASCII and Japanese, which match the same either way.
  'i',
);

/**
 * Asking to end an exception that exists ("please revoke our exception early", 「例外を取り消してください」):
 * a request, but for less exemption, not more. Nothing is to be excepted.
 */
export const ENDS_EXCEPTION = alternatives([
  // Asked now, not promised for later ("we will withdraw the exception once the module ships").
  r`\b(please|kindly|can you|could you)( \w+){0,2} (revoke|withdraw|cancel|terminate|end|close out) (the|our|this|that|my) (technical |mfa |current |existing )?(exception|exemption)\b`,
  r`(例外|除外)(措置)?(を|の)?(早期に?)?(取り?消|取り?下げ|解除|終了)(して|し)?(ください|下さい|いただけ|いただきた|ほしい)`,
  // 「本申請は取り下げさせていただきたく」「クローズ処理をお願いいたします」: withdrawing the partner's own request.
  r`(申請|例外)(を|は)?取り?下げ(させて|たい|ます|いたします)`,
  r`クローズ(処理)?(を|して)?(お願い|ください|いただけ)`,
]);

/** The ticket says no exception is wanted: a report, a check of the set-up, a confirmation for auditors. */
export const NO_REQUEST = alternatives([
  r`\bnot (requesting|asking for|filing) (an |a |any )?(technical )?exception\b`,
  r`\bno (technical )?exception (is )?(needed|required)\b`,
  r`\b(don t|do not|doesn t|does not|no longer) need (an |a |the |any )?(technical )?exception\b`,
  r`\bdo (we|i|they) need to (file|submit|request|apply)\b`,
  r`\bdo we need (an |a |any )?(technical )?exception\b(?! to (postpone|delay|defer|hold off|push back))`,
  r`\bis (an |a )?(technical )?exception (needed|required)\b`,
  r`\bconfirm(ation)? that we don t need\b`,
  r`\bjust (curious|checking|want to make sure)\b`,
  r`\bnot blocking\b`,
  // A report: "for your information", "no action is needed from your side", "we understand we are not affected".
  r`\bfor your information\b`,
  r`\bfyi\b`,
  r`\bno action (is )?(needed|required) (from|on) (your|you)`,
  r`\bunderstand (that )?(they|these|those|it|this|we)( are| is)? (unaffected|not affected|out of scope)\b`,
  r`影響(は|を)?(ない|受けない|ありません)(もの)?と(理解|認識|考え)`,
  // The partner will come back once they know more: nothing is asked yet.
  r`(回答|結果)が(来|き|届い|出)(たら|次第).{0,20}(連絡|相談|申請)`,
  r`\b(we ll|we will) (get back to you|come back to you|follow up|update you)\b`,
  r`\bonce we hear back\b`,
  r`\bnot (requesting|asking for) anything\b`,
  r`\bnothing (is )?needed from (you|us|your side|your end)\b`,
  r`\b(just )?want(ed)? (it|this|that) on (the )?record\b`,
  r`\bcan be closed\b`,
  // 「影響有無だけ教えてください」「影響を受けますか」: whether they are affected, not an ask.
  r`影響(の)?有無`,
  r`影響を受け(ます|る)(か|の(でしょう|です)か)`,
  r`\bnothing is (broken|blocked|failing)\b`,
  r`申請(は)?(行わず|行いません|しません|不要)`,
  r`(例外|申請|exception) ?(は|の)?(提出)?(不要|必要(あり)?ません)`,
  r`(例外|申請)(は|が)?(必要|不要)(でしょうか|ですか|という理解)`,
  // 「…完了いたしましたのでご報告いたします」「ご参考までに共有させていただきます」: told, not asked.
  r`ご報告(いたします|します|申し上げます)`,
  r`ご参考(まで|までに)`,
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
  r`\bclos(e|ing) (this|the ticket|the request|the case|it)\b`,
  r`(申請|例外)(を|は)?取り?下げ(ます|ました|たい|させて)`,
  r`差し支え(ございません|ありません)`,
]);
