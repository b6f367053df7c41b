import { describe, expect, it } from 'vitest';
import { NO_REQUEST, REQUEST } from '../../src/classification/domain/signals/asking.js';
import { CONDITION, THIRD_PARTY_WORKS } from '../../src/classification/domain/signals/context.js';
import { normalizeText } from '../../src/classification/domain/text-normalizer.js';
import { roleOf, rulesOnly, signalIds } from '../support/classifier-probes.js';

// GitHub issue 14, round 9: the readings tuned on classifier-dev-8 and -9 (first seen on the round-8
// classifier, 6b37068), then on realistic-dev-14, -15 and -16 (first seen on 0cd7f4f and 9d89464), then
// on classifier-dev-10 and realistic-dev-18 (first seen on a862f4a), then on realistic-dev-17 (first seen
// on 21cd9a4), each checked on text written for the test (not corpus cases). Every rule was seen failing
// here with it disabled.

const ids = signalIds;

describe('round 9: a list whose first item asks', () => {
  const first =
    '1. Our support engineers who work in client tenants through GDAP need until March to finish MFA; please grant an exception until then.';
  const second = '2. Unrelated: where can we download last month’s invoice?';

  it("a later item's invoice question does not cancel the first item's request", () => {
    const result = rulesOnly('Two things', `${first}\n${second}`);
    expect(ids(result)).not.toContain('billing_or_commerce');
    expect(result.knownIssue).toBe(1);
  });
  it('the same invoice question first, before the request, still makes the ticket off-topic', () => {
    const result = rulesOnly('Two things', `1. Where can we download last month’s invoice?\n${first.replace('1.', '2.')}`);
    expect(ids(result)).toContain('billing_or_commerce');
  });
});

describe('round 9: wording', () => {
  it('「claim に MFA を載せられない」 in Japanese prose is the claim not passed', () => {
    expect(ids(rulesOnly('x', 'この構成では claim に MFA を載せられないとの回答でした。'))).toContain('mfa_claim_not_passed');
  });
  it('「半年ほどかかりそうです」 needs more time', () => {
    expect(ids(rulesOnly('x', '全員の登録が済むには半年ほどかかりそうです。'))).toContain('needs_more_time');
  });
  it('「顧客テナントや delegated admin は関係ありません」 says no delegated admin', () => {
    expect(ids(rulesOnly('x', '経理部の 15 名です。顧客テナントや delegated admin は関係ありません。'))).toContain(
      'does_not_use_delegated_admin',
    );
  });
  it('an unattended Exchange Online PowerShell job on the own tenant, delegated admin "関係ありません", is 3', () => {
    const result = rulesOnly(
      '夜間ジョブのアカウント',
      '自社テナントの監査ログを毎晩 svc-audit というサービスアカウントで Exchange Online PowerShell から取得しています。customer tenant や delegated admin は関係ありません。無人実行のため MFA がかかると止まります。除外できますか。',
    );
    expect(result.knownIssue).toBe(3);
  });
  it('「exception は不要と理解しています」 is no request', () => {
    expect(NO_REQUEST.test(' exception は不要と理解しています ')).toBe(true);
  });
  it.each(['How can we confirm in the sign-in logs whether any printer still uses POP?', 'Which report should we use to list them?'])(
    '"%s" is a how-to question',
    (text) => {
      expect(ids(rulesOnly('x', text))).toContain('how_to_question');
    },
  );
  it('"should we plan on filing an exception" asks about a future request, not for one', () => {
    expect(roleOf('Should we plan on filing an exception for the new hires?', 'Should we plan')).toBe('hypothetical');
  });
});

describe('round 9, realistic batches: requests', () => {
  it.each([
    ' can those two have an exception in the meantime ',
    ' our ask is for a 60 day extension for the helpdesk ',
    ' and if so can this ticket serve as the request ',
    ' 技術的な例外をご検討いただけませんでしょうか ',
  ])('"%s" requests', (text) => {
    expect(REQUEST.test(text)).toBe(true);
  });
  it('「情報をいただけますと幸いです」 asks to be told, not for an exception', () => {
    expect(REQUEST.test(' 公開可能な範囲で情報をいただけますと幸いです ')).toBe(false);
  });
  it.each(['We are not a partner ourselves.', 'We are just a Microsoft 365 customer.'])(
    'a customer of a partner, not a partner, is out of scope: "%s"',
    (words) => {
      const result = rulesOnly('x', `Our scripts run Exchange Online PowerShell on our own mailboxes. ${words} Can you exempt my account?`);
      expect(ids(result)).toContain('not_a_partner');
      expect(result.knownIssue).toBeNull();
    },
  );
  it('「弊社はパートナーではなく」 says the same', () => {
    expect(ids(rulesOnly('x', '弊社はパートナーではなく、一般の利用企業です。'))).toContain('not_a_partner');
  });
});

describe('round 9, realistic batches: background', () => {
  it.each([
    ['前回の件は、新しいモジュールに切り替えたことで問題なく動作するようになりました。', '動作するようになりました'],
    ['代理管理での接続も MFA 付きで行えるようになりました。', '行えるようになりました'],
    ['紛失した担当者は再登録が完了し、現在は通常どおり勤務しています。', '再登録が完了し'],
    ['担当者は問題なく業務に復帰しております。', '復帰しております'],
    ['Our engineers now connect to customers with MFA without problems.', 'without problems'],
    ['Please consider that topic closed.', 'topic closed'],
    ['第1段階の技術部については、MFA の登録・有効化を完了いたしました。', '完了いたしました'],
  ])('"%s" says a problem is over', (text, words) => {
    expect(roleOf(text, words)).toBe('resolved');
  });
  it.each([
    ['まずご報告として、先週 1 名がスマートフォンを紛失しました。', '紛失'],
    ['新しい端末で再設定しましたので、対応は不要です。', '対応は不要'],
    ['(1)につきましては、来月までに社内で対応いたします。', '社内で対応'],
  ])('"%s" is told for information or handled in-house: an aside', (text, words) => {
    expect(roleOf(text, words)).toBe('aside');
  });
  it.each([
    ['業務システムの更改（来年度予定）までの間、例外をお願いします。', '来年度予定'],
    ['業務アプリ側の改修完了は来年春の予定です。', '来年春の予定'],
  ])('the date a replacement is due, "%s", is not a plan', (text, words) => {
    expect(roleOf(text, words)).toBe('ask');
  });
  it.each([
    ['We still need to decide whether to file an exception at all.', 'decide whether'],
    ['展開が間に合わなかった際は、その時点で猶予を申請できますか。', 'その時点で'],
  ])('"%s" is a plan, not a request', (text, words) => {
    expect(roleOf(text, words)).toBe('hypothetical');
  });
  it('a request right after a condition is asked on that condition', () => {
    const text = '仮に新しい機種が非対応だった場合、スキャン用アカウントの例外を申請できますか。';
    expect(roleOf(text, '例外を申請')).toBe('hypothetical');
    expect(roleOf('新しい機種は非対応のため、スキャン用アカウントの例外を申請できますか。', '例外を申請')).toBe('ask');
  });
});

describe('round 9, realistic batches: evidence', () => {
  it.each([
    ['Our two engineers manage about 30 customers with the module.', 'customer_tenants'],
    ['They are blocked in the admin center of the customer.', 'customer_tenants'],
    ['The AD FS agent does not produce a claim the directory maps to amr mfa.', 'mfa_claim_not_passed'],
    ['事務所の防犯カメラ録画機が録画を上げています。', 'devices'],
    ['The CCTV recorders upload clips every hour.', 'devices'],
    ['録画データを OneDrive に自動アップロードしています。', 'unattended'],
    ['録画機には MFA の入力手段がありません。', 'unattended'],
    ['権限はフォルダのみ、管理ロールなしです。', 'low_privilege'],
  ])('"%s" is %s', (text, id) => {
    expect(ids(rulesOnly('x', text))).toContain(id);
  });
  it('invoices that a scanner reads are not a billing question; a billing question is', () => {
    expect(ids(rulesOnly('x', 'スキャナーが読み取った請求書を共有フォルダに保存しています。'))).not.toContain('billing_or_commerce');
    expect(ids(rulesOnly('x', '先月の請求書の金額について確認させてください。'))).toContain('billing_or_commerce');
  });
});

describe('round 9, realistic batches: a list that refers back to an item', () => {
  it('"(1)につきましては…社内で対応いたします" sets item 1 aside: the first-asked reading does not name it', () => {
    const description = [
      '以下 2 点がございます。',
      '(1) 事務スタッフの一部が Outlook 2010 を使っており、MFA に対応していません。',
      '(2) 顧客テナントを代理管理者特権で管理する担当 3 名が Exchange Online PowerShell を使っていますが、モジュールが MFA に対応していません。',
      '(1)につきましては、来月中に社内で対応いたします。',
      '(2)について、新しいモジュールが出るまで 3 名の技術的例外を申請いたします。',
    ].join('\n');
    const result = rulesOnly('ご相談', description);
    expect(ids(result)).not.toContain('context:first_asked');
    expect(result.knownIssue).toBe(6);
  });
});

describe('round 9, with the logistic-regression learned part: what the rules now read themselves', () => {
  it.each([
    ['25 freelance copywriters with no delegated rights anywhere.', 'does_not_use_delegated_admin'],
    ['Please exempt the account our room-booking panels sign in with.', 'devices'],
    ['古いメールクライアントが MFA に対応していないため、例外をお願いします。', 'legacy_auth'],
  ])('"%s" is %s', (text, id) => {
    expect(ids(rulesOnly('x', text))).toContain(id);
  });
  it('finance staff who check invoices are not asking about billing', () => {
    expect(ids(rulesOnly('x', '経理部 5 名は請求書の確認で自社テナントのみ利用しています。'))).not.toContain('billing_or_commerce');
  });
  it('"our GDAP technicians were enrolled in MFA last quarter" is over', () => {
    expect(roleOf('Our GDAP technicians were enrolled in MFA last quarter.', 'were enrolled')).toBe('resolved');
  });
  it('a list that starts at "Second," has the description before it as its first item', () => {
    const result = rulesOnly(
      'Two exceptions',
      'Please exempt our four staff whose old IMAP client with basic auth cannot do MFA. Second, the service account of our reception kiosk cannot do MFA either and needs the same.',
    );
    expect(ids(result)).toContain('context:first_asked');
    expect(result.knownIssue).toBe(5);
  });
});

describe('round 9, classifier-dev-10 and realistic-dev-18', () => {
  it.each([
    ['We dont have any access to customer tenants.', 'does_not_use_delegated_admin'],
    ['We havent done their MFA yet.', 'mfa_not_rolled_out'],
    ['can we get till end of quarter', 'needs_more_time'],
    ['They manage client mailboxes through the Exchange shell connection.', 'exchange_online_powershell'],
    ['They get stopped when opening any client admin console.', 'customer_tenants'],
    ['数名が macOS 10.11 の標準 Mail で繋いでいます。', 'old_mail_clients'],
    ['They still read mail in the Mail app on macOS 10.11.', 'old_mail_clients'],
    ['modern auth に対応していません。', 'legacy_auth'],
    ['MFA を有効にするとメールが完全に止まります。', 'mail_stops'],
    ['大半がスマートフォンを所持しておりません。', 'no_phones_allowed'],
    ['Authenticator アプリを利用いただくことが困難な状況です。', 'authenticator_unusable'],
    ['All mobile telephones must be deposited at the security desk on entry.', 'no_phones_allowed'],
    ['Nobody on the team can use the Authenticator app at work.', 'authenticator_unusable'],
    ['Two admins find the MFA prompts a nuisance.', 'no_reason_given'],
    ['先週スマートフォンを紛失しました。Authenticator が入っていた端末です。', 'lost_authenticator_phone'],
    ['The phone with the Authenticator on it was stolen.', 'lost_authenticator_phone'],
    ['He lost his phone with the Authenticator app in Singapore.', 'lost_authenticator_phone'],
    ['Two security cameras upload clips to SharePoint.', 'devices'],
  ])('"%s" is %s', (text, id) => {
    expect(ids(rulesOnly('x', text))).toContain(id);
  });
  it.each([' 例外いけますか ', ' we need roughly 12 more weeks ', ' could you treat this as a technical exception request for onelogin '])(
    '"%s" requests',
    (text) => {
      expect(REQUEST.test(text)).toBe(true);
    },
  );
  it('"we hold a technical exception" is an exception that exists', () => {
    expect(roleOf('We hold a technical exception for 4 Exchange admins, granted in December.', 'We hold')).toBe('existing_exception');
  });
  it('「ついでにもう一点」 starts a side question', () => {
    expect(roleOf('ついでにもう一点、言語設定を固定する方法があれば教えてください。', '教えて')).toBe('aside');
  });
});

// A review of the round's change probed each new reading on tickets of its own; each case below was a
// misreading it found, now narrowed.
describe('round 9, review: what the new readings must not take in', () => {
  it.each([' could our admins have a link to the docs ', ' can the agents get a new qr code for authenticator '])(
    '"%s" is no request',
    (text) => {
      expect(REQUEST.test(text)).toBe(false);
    },
  );
  it('the on-premises Exchange Management Shell is not Exchange Online PowerShell', () => {
    const text = 'Our engineers use the Exchange Management Shell on the Exchange Server 2016 boxes of our customers.';
    expect(ids(rulesOnly('x', text))).not.toContain('exchange_online_powershell');
  });
  it('「どうすればよいでしょうか」 about a 7 problem is still a how-to question', () => {
    const result = rulesOnly('x', 'Okta で MFA を実施していますが、amr に mfa が含まれません。どうすればよいでしょうか。');
    expect(result.knownIssue).toBeNull();
  });
  it('a bare "please exempt us" first does not silence what a later item is', () => {
    const result = rulesOnly('x', 'Please exempt us. Second, our invoice for the Exchange Online PowerShell seats is wrong.');
    expect(ids(result)).toContain('billing_or_commerce');
  });
  it('a repeated number without words that refer back starts no back-reference', () => {
    const description = [
      '2点あります。',
      '(1) 技術者 2 名が Outlook 2010 のままで、MFA を有効にするとメールが使えなくなります。例外をお願いします。',
      '(2) 複合機のスキャン用アカウントも MFA 非対応です。こちらも例外にできますか。',
      '試したこと:',
      '(1) Okta の件は先月解決済みです。',
    ].join('\n');
    expect(ids(rulesOnly('2件', description))).toContain('context:first_asked');
  });
  it('a condition is a what-if clause that ends 「…た場合」 or starts "if", not a topic or a courtesy', () => {
    expect(CONDITION.test(' 仮に新機種が対応していなかった場合 ')).toBe(true);
    expect(CONDITION.test(' if the new model does not support it ')).toBe(true);
    expect(CONDITION.test(' 複合機の場合 ')).toBe(false);
    expect(CONDITION.test(' if possible ')).toBe(false);
  });
  it('a request after a condition that is no what-if starts its own part: "fixed last month, if the scanners fail, please…"', () => {
    const text = 'The Okta claim problem was fixed last month, if the scanners fail, please exempt our scanner service accounts.';
    expect(rulesOnly('x', text).knownIssue).toBe(3);
  });
  it.each([
    [
      'The Okta claim problem was fixed last month, if possible, please exempt our scanner service accounts that cannot answer MFA prompts.',
    ],
    ['Exchange Online PowerShell の件は先月解決しました、複合機の場合、スキャン用サービスアカウントを例外にしてください。'],
  ])('a courtesy or topic "condition" does not take the request into the background: "%s"', (text) => {
    expect(rulesOnly('x', text).knownIssue).toBe(3);
  });
  it.each([
    ['ついでに経理部のアカウントも対象外にしてください。', '対象外にして'],
    ['営業部の MFA 展開は弊社で対応しますが期限に間に合わないため猶予をお願いします。', '猶予'],
    ['Only 10 of our 60 GDAP technicians have been enrolled in MFA so we need until the end of June.', 'enrolled'],
    ['再設定が完了しても、MFA を再度求められます。', '再設定が完了しても'],
    ['We got an exception when running Connect-ExchangeOnline for customer tenants.', 'got an exception'],
    ['We got an exception from Connect-ExchangeOnline for customer tenants.', 'got an exception'],
  ])('"%s" stays the ask', (text, words) => {
    expect(roleOf(text, words)).toBe('ask');
  });
  it('「MFA 対応は不要でしょうか」 asks; it is not an aside', () => {
    expect(roleOf('顧客管理については MFA 対応は不要でしょうか。', '不要でしょうか')).not.toBe('aside');
  });
  it.each([
    ['Our warehouse staff cannot bring a phone with Authenticator onto the floor.', 'lost_authenticator_phone'],
    ['The module cannot do MFA, which is inconvenient for the team.', 'no_reason_given'],
    ['Our GDAP admins manage just a customer or two each.', 'not_a_partner'],
  ])('"%s" is not %s', (text, id) => {
    expect(ids(rulesOnly('x', text))).not.toContain(id);
  });
  it('"if our Okta rollout goes ahead next year" is a what-if', () => {
    expect(roleOf('If our Okta rollout goes ahead next year, the claim may not flow.', 'goes ahead')).toBe('hypothetical');
  });
});

describe('round 9, realistic-dev-17', () => {
  it.each([
    ' is it ok to leave mfa off for them until the next cohort starts ',
    ' それまで mfa なしで運用したいと思っています ',
    ' この 3 名を mfa なしで運用してよいか ',
    ' license が届くまで このままで大丈夫ですか ',
    ' can this kiosk account be left out ',
    ' このアカウントを対象外とさせていただくことは可能でしょうか ',
    ' exception は可能でしょうか ',
    ' do we need an exception to postpone mfa for the warehouse group ',
  ])('"%s" requests', (text) => {
    expect(REQUEST.test(text)).toBe(true);
  });
  it('"do we need an exception?" alone is still no request; "…to postpone MFA" is', () => {
    expect(NO_REQUEST.test(' do we need an exception for that ')).toBe(true);
    expect(NO_REQUEST.test(' do we need an exception to postpone mfa for the warehouse group ')).toBe(false);
  });
  it.each([' 全 42 名の登録が完了いたしましたのでご報告いたします ', ' ご参考までに共有させていただきます '])('"%s" reports', (text) => {
    expect(NO_REQUEST.test(text)).toBe(true);
  });
  it.each([
    ['本日までに全 42 名の登録が完了いたしました。', '登録が完了'],
    ['接続し、コマンドの実行が問題なく行えることを確認いたしました。', '問題なく行える'],
    ['Earlier this year we had trouble with Exchange Online PowerShell and MFA.', 'had trouble'],
    ['We had that problem earlier this year.', 'that problem'],
    ['We moved every Exchange task to the admin center and that issue is gone.', 'issue is gone'],
  ])('"%s" says a problem is over', (text, words) => {
    expect(roleOf(text, words)).toBe('resolved');
  });
  it.each([
    ['Quick background: we are not asking about Exchange Online PowerShell.', 'not asking about'],
    ['先に断っておくと、Exchange Online PowerShell は自社テナントでしか使っていません。', 'PowerShell は自社'],
    ['これは Exchange Online PowerShell で顧客を管理している話ではありません。', '話ではありません'],
    ['誤解のないように先に書くと、PowerShell は自社テナントの管理だけで使っています。', '自社テナント'],
    ['弊社自身のテナントについては管理センターから操作しており、PowerShell は使用しておりません。', 'PowerShell は使用'],
  ])('a disclaimer up front, "%s", is an aside', (text, words) => {
    expect(roleOf(text, words)).toBe('aside');
  });
  it.each([['engineers は PingID で MFA 済み、token もちゃんと mfa 入り。'], ['Okta の MFA がトークンにも反映されています。']])(
    '"%s" says the third-party MFA works',
    (text) => {
      expect(THIRD_PARTY_WORKS.test(normalizeText(text))).toBe(true);
    },
  );
  it.each([['amr に mfa が含まれません。'], ['トークンに mfa が入っていません。'], ['MFA がトークンに反映されません。']])(
    '"%s" says it does not',
    (text) => {
      expect(THIRD_PARTY_WORKS.test(normalizeText(text))).toBe(false);
    },
  );
  it.each([
    ['録画装置に人がサインインすることはありません。', 'unattended'],
    ['Nobody types credentials into it.', 'unattended'],
    ['各事務所の NVR が録画をアップロードします。', 'devices'],
    ['license が 4 月に届くまで待ちます。', 'needs_more_time'],
    ['お客様テナントへのアクセスや代理管理者特権は一切ありません。', 'does_not_use_delegated_admin'],
  ])('"%s" is %s', (text, id) => {
    expect(ids(rulesOnly('x', text))).toContain(id);
  });
  it('"Exchange Online PowerShell は自社テナントのみ" is about the tool, not the people: no "no delegated admin"', () => {
    expect(ids(rulesOnly('DAP agents の MFA 猶予（EXO PowerShell は自社テナントのみ）', 'x'))).not.toContain(
      'does_not_use_delegated_admin',
    );
  });
});
