// Issue 4: the Microsoft Authenticator app cannot be used (no phones allowed, no smartphones).

import { alternatives, group, r } from './alternatives.js';
import type { Signal } from './types.js';

export const AUTHENTICATOR_SIGNALS: readonly Signal[] = [
  {
    id: 'authenticator_app',
    pattern: alternatives([r` authenticator `]),
    weights: { 4: 3, 7: -0.5 },
  },
  {
    id: 'authenticator_unusable',
    pattern: alternatives([
      r` authenticator .{0,40}` +
        group([
          r`not an option`,
          r`no go`,
          r`unavailable`,
          r`not available`,
          r`isn t available`,
          r`isn t on (it|the|our|that)`,
          r`is not on (it|the|our|that)`,
          r`can ?not`,
          r`can t`,
          r`cannot`,
          r`unable`,
          r`not possible`,
          r`impossible`,
          r`isn t possible`,
        ]),
      r`\b(can ?t|cannot|unable to|not able to|no way to) (use|install|run|get) (the )?(authenticator|apps?)\b`,
      r`\bcannot install apps?\b`,
      r`\b(nobody|no one|none of (them|us)) (on the team |here )?can (use|install|run) (the )?authenticator\b`,
      r`\bauthenticator (is |was )?not installable\b`,
      r`\b(play store|app store|google play)\b.{0,30}\bnot compatible\b`,
      r`\b(app store|play store|google play)\b.{0,20}\b(blocked|disabled|restricted|locked)\b`,
      r`authenticator.{0,15}(使えません|使用できません|インストールできません|利用できません|使えない|入れられない|できません|利用できない|使用できない|インストールできない)`,
      r`authenticator.{0,15}(入らない|入りません|できず|install できない|install できません)`,
      r`authenticator.{0,20}(不可能|(手段|方法)(が|は)(ない|ありません|ございません))`,
      // 「Authenticator アプリを利用いただくことが困難な状況」
      r`authenticator.{0,20}(利用|使用|インストール).{0,10}(困難|難しい)`,
      r`\bwill not install\b`,
      r`\bwon t install\b`,
      r`アプリ(を)?(インストール|入れ)(でき|られ)(ない|ません)`,
      r`(インストール|利用|使用)(でき|可能)る?(な)?(デバイス|端末|スマホ|スマートフォン|機器)が(ない|ありません)`,
    ]),
    weights: { 4: 2.5 },
  },
  {
    id: 'no_phones_allowed',
    pattern: alternatives([
      r`\bclean desk\b`,
      r`\b` +
        group([
          r`no`,
          r`without`,
          r`ban(ned)?`,
          r`prohibit(ed)?`,
          r`forbid(den)?`,
          r`not (allowed|permitted)`,
          r`aren t allowed`,
          r`are not allowed`,
          r`isn t allowed`,
          r`can ?not (bring|carry|use|have)`,
          r`cannot (bring|carry|use|have)`,
          r`don t (have|carry|bring)`,
          r`do not (have|carry|bring)`,
          r`not issued`,
        ]) +
        r`( any)?( personal| private| their| own| mobile| cell| smart| company| work| corporate| issued| company issued)* ?` +
        r`(phones?|smartphones?|mobiles?|mobile (phones?|devices?)|cell ?phones?|devices)\b`,
      r`\b(phones?|smartphones?|mobiles?|mobile devices?|cell ?phones?) (are |is )?` +
        group([r`not (allowed|permitted)`, r`banned`, r`prohibited`, r`forbidden`, r`locked away`, r`left in lockers?`, r`collected`]) +
        r`\b`,
      r`\bpersonal (mobile |smart|cell )?(phones?|devices|mobiles?)\b`,
      r`\b(feature|flip|dumb|basic) phones?\b`,
      r`\blockers?\b`,
      r`\bsecure (floor|area|room)s?\b`,
      r`\bworks council\b`,
      r`クリーンデスク`,
      r`私物`,
      r`個人(所有)?の?(携帯|スマートフォン|スマホ|モバイル|端末)`,
      r`(携帯|スマートフォン|スマホ|モバイル)(電話)?(端末)?(の|を|が)?(持ち込み|持込|使用|利用|所持)(が|は|を)?(禁止|できない|できません|できず|不可|認められ|許可されていない)`,
      r`持ち込み禁止`,
      r`持ち?込み?(は|が)?(一切|全面(的に)?)(禁止|不可)`,
      r`持ち込め(ない|ません|ず)`,
      r`持ち込み(は|が)?(でき|不可)`,
      r`ロッカー`,
      r`ガラケー`,
      r`フィーチャーフォン`,
      r`従来型の携帯`,
      r`(携帯|スマホ|スマートフォン|phones?|smartphones?)(電話)? ?(を|は)?(所有して|所持して|持って|支給して|配布して|貸与して)(い|お)?(ない|ません|らず|りません)`,
      r`スマ(ホ|ートフォン)ではなく`,
      r`(スマホ|スマートフォン|携帯)を配布する予定(も|は)?(ない|ありません)`,
      r`労働組合`,
      r`組合`,
      r`\bphone ?free\b`,
      // "All mobile telephones must be deposited at the security desk on entry."
      r`\b(mobile )?(tele)?phones?\b.{0,40}\b(must be|are|get|have to be) (deposited|handed in|surrendered|locked away|left at)\b`,
      r`電波(が|は)?(入らない|入りません|届かない|届きません|遮断)`,
      r`\bno phone (zone|area|policy)\b`,
      r`(スマホ|携帯|スマートフォン)(の)?(持込|持ち込み)?禁止`,
    ]),
    weights: { 4: 4 },
  },
  {
    id: 'phones_too_old',
    pattern: alternatives([
      r`\b(old|older|outdated|legacy|ancient|aging) (company |corporate |work |issued |company issued )?` +
        r`(phones?|iphones?|androids?|android phones?|smartphones?|handsets?|mobiles?)\b`,
      r`\b(phones?|iphones?|androids?|smartphones?|handsets?|models?) (are |is )?too old\b`,
      r`\b(needs|requires) (a )?newer (ios|android|os|version of (ios|android))\b`,
      r`(スマホ|スマートフォン|携帯|端末|機種|iphone|android)(の)? ?(os)? ?(が|は)?(古い|古く)`,
      r`古い(機種|端末|スマホ|スマートフォン|携帯|iphone|android)`,
      r`(ios|android|os) ?(の)?(バージョン)?(が|は)?(古い|古く)`,
      r`(ios|android|os) ?(の)? ?(アップデート|アップグレード|upgrade|update)(は|が)?(不可|できない|できません)`,
    ]),
    weights: { 4: 2 },
  },
  {
    id: 'desk_phone_or_pc',
    pattern: alternatives([
      r`\b` +
        group([
          r`desk ?phones?`,
          r`landlines?`,
          r`hardware tokens?`,
          r`fido2?`,
          r`security keys?`,
          r`windows (pc|desktop|app)`,
          r`totp app on (the )?pc`,
          r`company phones?`,
        ]) +
        r`\b`,
      r`固定電話`,
      r`ハードウェアトークン`,
      r`セキュリティキー`,
      r`fido`,
    ]),
    weights: { 4: 1 },
  },
];
