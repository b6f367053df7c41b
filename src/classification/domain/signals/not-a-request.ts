// Evidence against any of the seven: the text is about something else, or a how-to question.

import { alternatives, group, r } from './alternatives.js';
import type { AbstainSignal } from './types.js';

export const ABSTAIN_SIGNALS: readonly AbstainSignal[] = [
  {
    id: 'billing_or_commerce',
    pattern: alternatives([
      r`\b` +
        group([
          r`invoices?`,
          r`billing(?! admin)`,
          r`bill`,
          r`payments?`,
          r`payouts?`,
          r`credit cards?`,
          r`credit notes?`,
          r`refunds?`,
          r`pricing`,
          r`price list`,
          r`discounts?`,
          r`rebates?`,
          r`incentives?`,
          r`commissions?`,
          r`purchase orders?`,
          r`licen[cs]e (count|keys?|renewals?|changes?)`,
          r`subscriptions? renewal`,
          r`charges?`,
          r`seats`,
        ]) +
        r`\b`,
      // Not the invoices a scanner reads (「読み取った請求書を…保存」): those are the device's work.
      r`(?<!(読み取った|読み込んだ|スキャンした|紙の) ?)請求(書)?(?!(書)? ?(を|の)? ?(スキャン|読み取|読み込|pdf|データ|(確認|処理|作成|発行|照合)(で|など|業務|作業)))`,
      r`支払`,
      r`振り込`,
      r`振込`,
      r`インボイス`,
      r`返金`,
      r`価格`,
      r`値引`,
      r`インセンティブ`,
      r`リベート`,
      r`ライセンス(数|変更)`,
    ]),
    penalty: 3,
  },
  {
    id: 'onboarding_or_enrolment',
    pattern: alternatives([
      r`\b` +
        group([
          r`partner onboarding`,
          r`onboarding (as|to|into|with) (a |an |the )?(partner|reseller|csp|program|network|partner center)`,
          r`enrol(l)?ment in the partner`,
          r`partner (network|program)`,
          r`mpn`,
          r`partner id`,
          r`program (application|membership)`,
          r`competenc(y|ies)`,
          r`designation`,
          r`tax (profile|id)`,
          r`bank details`,
          r`reseller relationship`,
          r`invitation`,
        ]) +
        r`\b`,
      r`パートナー(の)?オンボーディング`,
      r`パートナー(登録|ネットワーク)`,
      r`\b(partner|reseller|csp|microsoft|distributor) (agreement|contract)\b`,
      r`\bsign(ed|ing)? (the |our )?(agreement|contract)\b`,
      r`(パートナー|販売|リセラー|csp|代理店|再販)契約`,
      r`契約(書|の締結|手続)`,
      r`プログラム(への)?参加`,
      r`税務`,
      r`銀行口座`,
      r`審査`,
    ]),
    penalty: 3,
  },
  {
    id: 'api_limits',
    pattern: alternatives([
      r`\b(rate limit(s|ed|ing)?|throttl(e|ed|ing)|429|quota|too many requests|requests per (second|minute))\b`,
      r`レート制限`,
      r`スロットリング`,
      r`リクエスト数の上限`,
      r`上限に達`,
    ]),
    penalty: 3,
  },
  {
    // Exceptions are for partner tenants: a customer of a partner asking for its own is out of scope.
    id: 'not_a_partner',
    pattern: alternatives([
      r`\b(we re|we are|i m|i am) not (a |an )?(microsoft |csp )?partner\b`,
      r`\b(we are|we re|i am|i m)( just)? (a|an) (microsoft 365 |m365 |office 365 |end )?customer\b`,
      r`\bnot a partner\b.{0,20}\bjust (a|an) (microsoft 365 |m365 |office 365 |end )?customer\b`,
      r`(弊社|当社|私たち)は(パートナー|csp)(企業)?(では|で)(なく|ありません|はありません|ございません)`,
    ]),
    penalty: 6,
  },
  {
    id: 'lost_or_new_phone',
    pattern: alternatives([
      r`\b` +
        group([r`lost`, r`stolen`, r`broken`, r`broke`, r`new`, r`replaced`, r`changed`, r`upgraded`, r`reset`, r`wiped`, r`switched`]) +
        r` (my |his |her |their |our |the |a )?(phone|smartphone|mobile|device|handset|iphone|android)\b`,
      r`\b(phone|device) (was |got )?(lost|stolen|broken|replaced|reset|wiped)\b`,
      r`\bclock on the phone\b`,
      r`紛失`,
      r`盗難`,
      r`機種変更`,
      r`機種変`,
      r`買い替え`,
      r`故障`,
      r`初期化`,
      r`新しい(携帯|スマホ|スマートフォン|端末)`,
    ]),
    penalty: 4,
  },
  {
    // The phone that held Authenticator is gone: the way back is to register again, not an exception.
    id: 'lost_authenticator_phone',
    pattern: alternatives([
      r`(紛失|盗難|故障|機種変更|買い替え).{0,80}authenticator ?(が|の)?(入って(い|お)た|入った|インストールされて(い|お)た)(端末|スマホ|スマートフォン|携帯)`,
      r`\b(lost|stolen|broken|dropped)\b.{0,60}\b(phone|device|mobile|handset) (with|that had|holding) (the |their |his |her )?authenticator\b`,
      r`\b(phone|device|mobile|handset) (with|that had|holding) (the |their |his |her )?authenticator\b.{0,40}\b(was|got|has been) (lost|stolen|broken)\b`,
    ]),
    penalty: 4,
  },
  {
    id: 'how_to_question',
    pattern: alternatives([
      r`\breset (the |my |his |her |their )?(mfa|registration|authenticator|methods?|security info)\b`,
      r`\bre ?(register|enrol+|configure|setup|set up)\b`,
      r`\bhow (do|can|to|should) (i|we|you)? ?(register|set up|setup|enable|configure|turn on|add|connect|reset|send)\b`,
      r`\bwhere (do|can|should) .{0,40}(register|set up|enrol)`,
      r`\bregister (their|my|our|his|her) mfa`,
      r`\bsecurity defaults\b`,
      r`\b(codes?|otp) (are |is )?(always )?(wrong|invalid|not working|rejected)\b`,
      r`\btime (sync|drift|skew)\b`,
      r`\b(push )?notifications? (are |is )?(not|never|don t|doesn t|do not|does not) (arrive|arriving|come|show|appear)`,
      r`(プッシュ)?通知が(届か|来)(ない|ません)`,
      r`\bwhich role do we need\b`,
      // Checking the logs or settings themselves ("how can we check in the sign-in logs that no client…").
      r`\bhow (do|can|should) (i|we) (check|confirm|verify|find out|tell)( in the [a-z ]{0,20}logs?)? (whether|if|that|which|who)\b`,
      r`\bwhich (filter|report|log|query|setting)s? (should|do|can) (i|we) use\b`,
      // Asking to be pointed to information (a list, a document), not for an exception.
      r`\b(point|direct|refer) (me|us) to\b`,
      r`\b(explain|describe|recommend)( to us)? (the |what |which |any )?(alternatives|options|methods)\b`,
      r`再登録`,
      // Resetting MFA, not a password reset the staff do for their users.
      r`(?<!パスワード ?)リセット`,
      r`登録(方法|手順)(を|が|は)?(教えて|知りたい|分から)`,
      r`設定(方法|手順)(を|が|は)?(教えて|知りたい|分から)`,
      r`手順を教えて`,
      r`仕組み(を|が)?(教えて|知りたい|分から|ご教示)`,
      r`方法を教えて`,
      r`やり方(を|が)?(教えて|知りたい|分から|ご教示)`,
      r`どうすれば`,
      r`有効化の手順`,
      r`セキュリティの既定値`,
      r`コードが(違|合わ|通ら|無効|正しくありません)`,
    ]),
    penalty: 4,
  },
  {
    id: 'hypothetical',
    pattern: alternatives([
      r`\b(thinking (about|of)|considering|planning to (move|migrate|switch)|evaluating)\b`,
      r`\bwill (partner center|entra|it|this|that|you) (accept|recogni[sz]e|work|honou?r)\b`,
      r`移行を検討`,
    ]),
    penalty: 4,
  },
  {
    id: 'works_already',
    pattern: alternatives([
      r`\b(works|working) (fine|correctly|as expected|without (any )?issues?)\b`,
      r`\bno (issues?|problems?) (so far|with mfa)\b`,
      r`\b(already )?(accepted|recogni[sz]ed) (fine|correctly|as mfa)\b`,
      r`問題なく`,
      r`正常に(動作|認識|扱われ)`,
      r`mfa 済みとして扱われ(?!ず|ない|ません)`,
      r`追加の設定(は|が)?必要`,
      r`今後の.{0,20}(必要でしょうか|必要ですか)`,
    ]),
    penalty: 4,
  },
  {
    // "Please exempt us, no particular reason": the partner says there is no blocker.
    id: 'no_reason_given',
    pattern: alternatives([
      r`\bno (particular |specific |real )?reason\b`,
      r`\bwithout (any |a )?(particular |specific )?reason\b`,
      // Convenience is no technical reason: "they find the MFA prompts a nuisance".
      r`\b(mfa|the prompts?|prompts|it) (is|are) (just )?(a |an )?(nuisance|annoying|inconvenient|hassle)\b`,
      r`\bfinds? (the )?(mfa )?(prompts? )?(a |an )?(nuisance|annoying|inconvenient|hassle)\b`,
      r`理由(は|も)?(特に)?(ありません|ございません|ない|なし)`,
    ]),
    penalty: 3,
  },
  {
    id: 'no_exception_needed',
    pattern: alternatives([
      r`\b(no|don t need (an? )?|do not need (an? )?|no longer need (the |an? )?)exception\b`,
      r`\b(withdraw|cancel|status of) (our|the|my|that|this) (exception )?request\b`,
      r`\bhave not heard back\b`,
      r`例外は(特に)?(必要ありません|不要)`,
    ]),
    penalty: 5,
  },
];
