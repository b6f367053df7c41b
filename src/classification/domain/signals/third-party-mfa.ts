// Issue 7: a third-party MFA solution whose completed MFA does not reach the directory.

import { alternatives, group, r } from './alternatives.js';
import type { Signal } from './types.js';

export const THIRD_PARTY_MFA_SIGNALS: readonly Signal[] = [
  {
    id: 'third_party_mfa',
    pattern: alternatives([
      r` thirdparty (mfa|idp|identity|authentication|solution|provider|vendor|product|2fa|otp|token)`,
      r`\bexternal (mfa|idp|identity provider|authentication provider)\b`,
      r`\bnon microsoft (mfa|idp|identity)\b`,
      r`\bon prem(ise|ises)? mfa\b`,
      r`thirdparty ?(の)?(mfa|認証|idp|ソリューション|製品|ワンタイムパスワード|otp|トークン)`,
    ]),
    weights: { 4: -1, 7: 3 },
  },
  {
    id: 'mfa_vendor',
    pattern: alternatives([
      r`\b` +
        group([
          r`duo`,
          r`okta`,
          r`ping ?(id|federate|identity|one)`,
          r`rsa`,
          r`securid`,
          r`gemalto`,
          r`thales`,
          r`safenet`,
          r`symantec`,
          r`vip access`,
          r`onelogin`,
          r`centrify`,
          r`auth0`,
          r`forgerock`,
          r`cyberark`,
          r`hennge`,
          r`trust ?login`,
          r`secureauth`,
          r`silverfort`,
          r`entrust`,
          r`imprivata`,
          r`rublon`,
          r`authpoint`,
          r`watchguard`,
          r`fortitoken`,
          r`fortinet`,
          r`swivel`,
          r`mideye`,
          r`yubico`,
          r`hennge one`,
          r`cloudgate`,
          r`gmo trust login`,
          r`ping`,
        ]) +
        r`\b`,
      r`デュオ`,
      r`オクタ`,
      r`ヘンゲ`,
      r`トラスト ?ログイン`,
      r`シマンテック`,
      r`ジェムアルト`,
      r`タレス`,
      r`クラウドゲート`,
    ]),
    weights: { 4: -1, 7: 3 },
  },
  {
    // The claim named, which way it goes unsaid ("the amr claim", クレーム): not by itself a claim that fails.
    id: 'amr_claim_named',
    pattern: alternatives([
      r`\bamr\b`,
      r`\bauthentication method(s)? references?\b`,
      r`\bauthnmethodsreferences\b`,
      r`\bmultipleauthn\b`,
      r`クレーム`,
    ]),
    weights: { 7: 3 },
  },
  {
    id: 'mfa_claim_not_passed',
    pattern: alternatives([
      r`\bclaims? (is |are )?(not|never|n t) (passed|sent|flow(ing)?|included|issued|forwarded|recogni[sz]ed)`,
      r`\bclaims? ` +
        group([r`does not`, r`doesn t`, r`do not`, r`don t`, r`never`, r`won t`, r`will not`, r`is not`, r`isn t`]) +
        r` (reach|arrive|get|make it|come|pass|flow|show|appear)`,
      r`\b(not|never|n t|doesn t|does not|don t) (pass|send|flow|include|emit|forward|recogni[sz]e|produce|generate)s? (the |a |an |any )?(mfa )?(claim|mfa)`,
      // "Azure AD does not record that MFA took place".
      r`\b(doesn t|does not|don t|do not|never) (record|see|know|register)s? that (the )?mfa (took place|happened|was (done|completed|performed))\b`,
      r`\bnot recogni[sz]ed\b`,
      // A token's amr of ["pwd"] alone: the MFA done at the provider did not reach the directory.
      r`\bamr pwd\b(?! mfa)`,
      r`\bdoesn t recogni[sz]e\b`,
      r`\bdoes not recogni[sz]e\b`,
      r`\bclaim (does|did|will) not flow\b`,
      r`\bprompted (again|twice|a second time|for (entra |azure )?mfa (again|on top|as well))`,
      r`\bdouble (mfa|prompt)`,
      // The directory not taking the third-party MFA as MFA, in the many ways partners say it.
      r`\b(doesn t|does not|isn t|is not|aren t|are not|won t|never) ` +
        r`(treat(ed)?|count(ed)?|consider(ed)?|see|sees|honou?r(ed)?|accept(ed)?)\b.{0,20}\bmfa\b`,
      r`\bnot (treated|counted|considered|seen|honou?red|accepted) as mfa\b`,
      r`\b(still|again) (asks?|prompts?|requires?|demands?) (them |us |users )?(for )?(mfa|a second factor)\b`,
      r`\bignores? (the |our )?(mfa|third ?party|claim)`,
      r`\b(keeps|still) (requiring|asking for|prompting for|demanding|requesting) (mfa|a second factor)\b`,
      r`(記録|反映|付与|記載)(され)?(ない|ません|ず|ていない|ていません)`,
      r`未実施(と|として)(判断|判定|みなされ|扱われ)`,
      r`(完了|実施)して(い|お)(ない|らず|りません)(と|もの(と|として))(判断|判定|みなされ|扱われ)`,
      r`再要求`,
      r`(mfa|認証) ?(を|が)? ?(再度|もう一度|改めて|また|二重に).{0,6}(求め|要求)`,
      r`(実施|完了|済ませ)(して|した)(も|のに).{0,30}(mfa|認証).{0,10}(求め|要求)`,
      r`(amr|claims?|クレーム|トークン).{0,10}(含め|入れ|載せ|渡)られ(ない|ず|ません)`,
      r`(mfa ?済み|完了|mfa)(と|として)? ?(判定|認識|判断)(し|され)(ない|ません|ず)`,
      r`\bclaims? ?(が|は)? ?(flow|pass|reach) ?(しない|しません|されない|せず)`,
      r`(トークン|amr) ?(に|の中に)? ?mfa ?(が|は)? ?(出ない|出ません|出て(い|お)(ない|ません|りません))`,
      r`(届いて|伝わって|渡って)(い|お)(ない|ません|りません)`,
      r`(みなされ|判定され|評価され|反映され|認められ|扱われ)(ず|ない|ません|ていない|ておらず)`,
      r`(mfa|多要素認証|認証) ?(と|として) ?(みなされ|判定され|認識され|扱われ)`,
      r`(再度|もう一度|改めて|重ねて|また) ?.{0,20}(mfa|認証|サインイン).{0,10}(求め|要求|促さ)`,
      r`認識(されない|しない|されず|されません|してくれない)`,
      r`(伝わ|渡さ|渡)(らない|れない|れず)`,
      r`連携され(ない|ず)`,
      r`二重(に)?(mfa|認証)`,
      r`(また|再度|もう一度|再び|改めて) ?(mfa|認証) ?(を)? ?(要求|求め)`,
      r`(渡す|連携する|伝える|流す)(設定|こと)(は|が)?(でき|出来)(ない|ません)`,
      r`(クレーム|claim|amr).{0,10}(渡す|出す|送る|流す|含める)(設定|方法|機能)(は|が).{0,10}(無い|ない|ありません|ございません)`,
      r`結果が(伝わ|渡)`,
      r`(完了|mfa ?済み|済み|認証済み)(として)?扱われ(ず|ない|ません)`,
      r`未完了(扱い|として)`,
      r`mfa ?(し|して)てない.{0,3}扱い`,
    ]),
    weights: { 7: 3 },
  },
  {
    id: 'provider_confirmed',
    pattern: alternatives([
      r`\b(vendor|provider|supplier)('?s)? (support )?(confirmed|says|said|told us|replied|answered)\b`,
      r`\b(confirmed|checked) with (the |our )?(vendor|provider)\b`,
      r`(ベンダー|プロバイダー?|提供元|販売元|サポート)(にも|に|側に|側の)?(確認|問い合わせ|聞いた)`,
      r`社(と|に)(も)?(確認|問い合わせ)(しました|した|済)`,
      r`(販売元|ベンダー|メーカー)(から|より)(も|は)?.{0,30}(言われ|回答)`,
      r`(ベンダー|プロバイダー?|サポート)(側)?(から|より)(は|も)?.{0,30}(回答|言われ)`,
    ]),
    weights: { 7: 2 },
  },
  {
    id: 'federation',
    pattern: alternatives([
      r`\bfederat(ed|ion|ing|e)\b`,
      r`\badfs\b`,
      r`\bad fs\b`,
      r`\bsaml\b`,
      r`\bws fed(eration)?\b`,
      r`\bcustom controls?\b`,
      r`\bidentity provider\b`,
      r`\bidp\b`,
      r`フェデレーション`,
      r`フェデレート`,
      r`カスタム ?コントロール`,
      r`id ?プロバイダ`,
      r`認証基盤`,
    ]),
    weights: { 7: 2 },
  },
  // ABSTAIN
];

/** The partner filled in the third-party MFA part of the form: evidence from structure, not text. */
export const THIRD_PARTY_FORM_SIGNAL = { id: 'third_party_mfa_details_given', weights: { 7: 4, 4: -1 } } as const;
