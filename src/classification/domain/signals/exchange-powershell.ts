// Issue 6: managing customers through Exchange Online PowerShell with delegated admin.

import { alternatives, group, r } from './alternatives.js';
import type { Signal } from './types.js';

export const EXCHANGE_POWERSHELL_SIGNALS: readonly Signal[] = [
  {
    id: 'exchange_online_powershell',
    pattern: alternatives([
      r` exchangeonline (remote )?powershell `,
      r` exchangeonline (management )?shell\b`,
      // "through the Exchange shell connection" (not the on-premises Exchange Management Shell)
      r`\bexchange shell\b`,
      r` exchangeonline .{0,40}powershell `,
      r` powershell .{0,40}exchangeonline `,
      r`\bnew pssession\b`,
      r`\bremote powershell\b.{0,60}exchange`,
      r`exchange.{0,20}powershell`,
      r`powershell.{0,20}exchange`,
      r`(メール|exchange|エクスチェンジ|exchangeonline).{0,30}(管理)?シェル`,
      r`(管理|コマンドライン)(用)?(の)?シェル`,
      r`\bdelegatedorg(anization)?\b`,
      // "the delegated org path", "the delegated organisation parameter on the remote session"
      r`\bdelegated org(ani[sz]ation)?\b`,
      r`\bexchange (cmdlets?|module)\b`,
      r`\bps outlook com\b`,
      r`\bpowershell liveid\b`,
      r`リモート ?powershell`,
      r`\bremote powershell\b`,
    ]),
    weights: { 5: -2, 6: 6 },
  },
  {
    id: 'module_without_mfa',
    pattern: alternatives([
      r`\b(the |this |that |old |current |existing )?module\b.{0,40}\b(mfa|support)`,
      r`\bnew module\b`,
      r`モジュール`,
    ]),
    weights: { 6: 2 },
  },
  {
    id: 'powershell',
    pattern: alternatives([r` powershell `, r`\bcmdlets?\b`, r`コマンドレット`]),
    weights: { 6: 1.5 },
  },
  {
    id: 'exchange_online',
    pattern: alternatives([r` exchangeonline `, r`\bexchange (admin|management)\b`, r`メールボックス`, r`\bmailbox(es)?\b`]),
    weights: { 5: 0.5, 6: 1 },
  },
  {
    // Whose Exchange it is: issue 6 is about managing customers (DelegatedOrg names a customer org).
    id: 'reaches_customers',
    pattern: alternatives([
      r`\bdelegatedorg(anization)?\b`,
      r`\b(customers?|clients?)( s)? (exchange|exchangeonline|mail|mailbox(es)?|orgs?|organi[sz]ations?)\b`,
      r`\b(csp|managed) (customers?|clients?)\b`,
      r`(顧客|お客様|お客さん)(の)? ?(メール|exchange|exchangeonline|メールボックス|組織)`,
    ]),
    weights: { 6: 0.5 },
  },
  {
    id: 'not_powershell',
    pattern: alternatives([
      r`\b` +
        group([
          r`don t`,
          r`do not`,
          r`doesn t`,
          r`does not`,
          r`not`,
          r`never`,
          r`no`,
          r`isn t`,
          r`is not`,
          r`it s not`,
          r`nothing to do with`,
        ]) +
        r`( use| using| involve| about| run)?( any)?( exchangeonline)? powershell\b(?! (against|for|on|with|in) our own\b)`,
      r`powershell ?(は|を)?(使って|使用して|利用して)(おりません|いません|いない)`,
      r`powershell(では|は関係)(なく|ありません)`,
    ]),
    weights: { 6: -7 },
  },
];
