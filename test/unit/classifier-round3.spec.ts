import { describe, expect, it } from 'vitest';
import { classify, type ClassificationResult } from '../../src/classification/domain/classifier.js';
import { FIRST_ASKED_LEGACY, FIRST_ASKED_TIME } from '../support/classifier-probes.js';

// GitHub issue 14, round 3: the readings tuned on realistic-dev-6 (a new writer), each checked on
// tickets written for the test (not corpus cases). Every rule was seen failing here with it disabled.

const ask = (title: string, description: string) => classify({ title, description });

const ids = (result: ClassificationResult) => result.signals.map((s) => s.id);

describe('round 3: a message the partner says they are passing on is the ask', () => {
  it('keeps a forwarded message below "転送します" (only its headers are dropped)', () => {
    const result = ask(
      'FW: MFA の件',
      '大阪支社からの依頼を転送します。よろしくお願いします。\n\nFrom: Tanaka\nSubject: MFA\n\nOur 4 engineers who sign in to customer tenants through GDAP are not on MFA yet; the enrolment day is in three weeks. Please give them an exception until then.',
    );
    expect(result.knownIssue).toBe(1);
  });
  it('keeps quoted lines below "please raise this"', () => {
    const result = ask(
      'FW: Okta problem',
      'Can someone please raise this with the platform team?\n\n> We federate with Okta for MFA, but the platform prompts our agents for MFA again in every customer tenant.\n> Okta support confirmed the MFA claim is not passed with our set-up. We need an exception for 5 agents.',
    );
    expect(result.knownIssue).toBe(7);
  });
  it('keeps a forwarded message below "Forwarding this"', () => {
    const result = ask(
      'Fwd: a request',
      'Forwarding this from our facilities team.\n\nFrom: Facilities\nSubject: scanners\n\nOur 3 scanners send mail with a shared service account, which cannot answer an MFA prompt. Please exempt that account.',
    );
    expect(result.knownIssue).toBe(3);
  });
  it('still drops a quoted earlier reply when nothing says it is passed on', () => {
    const result = ask(
      'Re: your request',
      'Thanks, understood.\n\n> We federate with Okta for MFA, but the claim is not passed.\n> Please confirm with the vendor first.',
    );
    expect(result.knownIssue).toBeNull();
  });
});

describe('round 3: requests in casual Japanese', () => {
  it.each([
    [
      '例外にしてもらえる',
      'Okta でフェデレーション',
      'Okta でフェデレーションしてて、お客さんのテナントで MFA をまた求められる。Okta 社に聞いたらクレームは渡せないって。例外にしてもらえる？',
      7,
    ],
    [
      '待ってもらえたり',
      '営業の MFA',
      '営業チームの MFA まだです。営業はお客さんのテナントには入りません。秋まで待ってもらえたりしますか？',
      2,
    ],
    [
      'お願いしたい',
      '総務の MFA',
      '総務のメンバー 5 名はお客様のテナントに入ることはありませんが、MFA の展開が 4 月の PC 入替え後になります。例外をお願いしたいです。なお会議室の端末は今回は申請しません。',
      2,
    ],
  ])('%s', (_, title, description, expected) => {
    expect(ask(title, description).knownIssue).toBe(expected);
  });
});

describe('round 3: time evidence', () => {
  it.each([
    [
      '時間がほしい',
      '代理でお客様テナントにサインインするエンジニア 5 名',
      'エンジニア 5 名の MFA 登録について、時間がほしいです。よろしくお願いします。',
    ],
    ['a date "9/30 まで"', 'エンジニアの MFA', 'お客様テナントを代理で操作するエンジニア 3 名です。期間：9/30 まで。例外をお願いします。'],
    [
      '展開が…後になる',
      'エンジニアの MFA',
      'お客様テナントを代理で操作するエンジニア 3 名の MFA の展開が、認証基盤の更新後になる見込みです。例外をお願いします。',
    ],
  ])('%s -> 1', (_, title, description) => {
    const result = ask(title, description);
    expect(result.knownIssue).toBe(1);
    expect(ids(result)).toContain('needs_more_time');
  });
});

describe('round 3: people who never reach customers (issue 2)', () => {
  it.each([
    [
      '"none of them have MFA set up" is not "none of them have delegated admin"',
      'On-call crew',
      'Our on-call crew of 6 sign in to customer tenants through GDAP links. None of them have MFA set up yet; enrolment will take 3 weeks. Please give them an exception until then.',
      1,
    ],
    [
      'only administer our own tenant',
      'Internal IT',
      'Three internal admins only administer our own tenant (mailboxes, Intune). Their MFA rollout waits for our migration, six more weeks. Could they have an exception?',
      2,
    ],
    [
      'own tenant only',
      'Internal IT admins (own tenant only)',
      'Our internal IT admins need more time for MFA: the migration finishes in two months. Please grant an exception.',
      2,
    ],
    [
      'zero admin rights anywhere',
      'Contractors',
      'Our five contractors have zero admin rights anywhere. Their contracts end in May; please give us until the end of May.',
      2,
    ],
    [
      'mixed: customer tenant に sign in することはなく',
      'Sales メンバー',
      'Sales メンバー 8 名は customer tenant に sign in することはなく、Partner Center を見るだけです。enrollment は 6 月にやる予定なので、それまで exception をお願いします。',
      2,
    ],
    [
      'することは一切ございません',
      '経理部の猶予',
      '技術部門は展開済みですが、経理部 4 名は未着手でございます。経理部の者はお客様のテナントにサインインすることは一切ございません。6 月末までの猶予をいただけますと幸いです。',
      2,
    ],
    [
      'テナントには入らなくて',
      '営業の MFA',
      '営業はお客さんのテナントには入らなくて、見積もりを見るだけ。MFA まだなので 2 か月待ってください。',
      2,
    ],
    [
      '代理アクセス権限なし',
      '派遣スタッフ',
      '・派遣スタッフ 4 名（受付）\n・お客様テナントへの代理アクセス権限なし\n・4 月末までの例外を希望',
      2,
    ],
    ['bookkeepers', 'Bookkeepers', 'Our two bookkeepers are not on MFA yet. Please give us until March.', 2],
    ['marketing contractors', 'Contractors', 'Our marketing contractors are not on MFA yet. Please give us until March.', 2],
    [
      'a billing admin is a role, not a billing question',
      'billing admin の MFA',
      'billing admin 3 名（DAP なし、customer tenant にはログインしない）の MFA 展開が遅れています。9/30 まで例外をお願いします。',
      2,
    ],
  ])('%s -> %s', (_, title, description, expected) => {
    expect(ask(title, description).knownIssue).toBe(expected);
  });
});

describe('round 3: the Authenticator app cannot be used (issue 4)', () => {
  it.each([
    [
      '持込みが一切禁止',
      'クリーンルーム',
      '製造ラインの管理者 3 名はクリーンルームに常駐しており、携帯電子機器の持込みは一切禁止です。例外をお願いします。',
    ],
    ['持込みが全面的に禁止', '常駐先', '常駐先の規程で電子機器の持込みが全面的に禁止されています。例外をご検討いただけますでしょうか。'],
    [
      'phone を持っていません',
      'App が使えない',
      'うちの support team の何人かは phone を持っていません。Authenticator 前提だと sign in できないので exception にしてほしいです。',
    ],
    ['Authenticator が不可能', '制御室', '制御室の担当者が Authenticator を利用することは物理的に不可能です。例外をお願いします。'],
    [
      '操作する手段がない',
      '常駐先の端末',
      '常駐先の端末からサインインしますが、その場で Authenticator を操作する手段がございません。例外をお願いします。',
    ],
  ])('%s -> 4', (_, title, description) => {
    const result = ask(title, description);
    expect(result.knownIssue).toBe(4);
    expect(ids(result)).not.toContain('context:authenticator_usable');
  });
});

describe('round 3: issues 6 and 7', () => {
  it('"we don\'t use PowerShell against our own Exchange" does not deny the PowerShell work for customers', () => {
    const result = ask(
      'EXO PowerShell for customers',
      'We connect with Connect-ExchangeOnline -DelegatedOrganization to customer tenants and change their transport rules. We don’t use PowerShell against our own Exchange at all. MFA can’t be used with that connection, so please grant an exception for our 3 admin accounts.',
    );
    expect(result.knownIssue).toBe(6);
    expect(ids(result)).not.toContain('not_powershell');
  });
  it.each([
    [
      'また … MFA を求められます (a longer gap)',
      'HENNGE One でフェデレーションしています。お客様テナントに入るとき、また Microsoft の MFA を求められます。技術者 4 名を例外にしていただけますか。',
    ],
    [
      'クレームを出す設定は無い',
      'HENNGE One でフェデレーションしています。販売店に確認したところ、MFA のクレームを出す設定は今のところ無いそうです。技術者 4 名を例外にしていただけますか。',
    ],
  ])('%s -> 7', (_, description) => {
    const result = ask('HENNGE One', description);
    expect(result.knownIssue).toBe(7);
    expect(ids(result)).toContain('mfa_claim_not_passed');
  });
});

describe('round 3: background, plans and questions', () => {
  it('"代理で操作" is delegated admin', () => {
    const result = ask(
      '技術部',
      'お客様のサブスクリプションを代理で操作している技術部員 10 名の MFA 展開がまだ終わっておりません。4 月末までの例外をお願いします。',
    );
    expect(ids(result)).toContain('uses_delegated_admin');
    expect(result.knownIssue).toBe(1);
  });
  it('"営業部については社内で進めます" sets that group aside', () => {
    const result = ask(
      'Re: 例外申請',
      '承知いたしました。営業部については社内スケジュールどおり進めます。問題は技術部の方でして、お客様テナントを代理で操作している技術部員 8 名の MFA 展開がまだ終わっておりません。3 月末までの例外をお願いします。',
    );
    expect(ids(result)).toContain('context:aside');
    expect(result.knownIssue).toBe(1);
  });
  it.each([
    [
      'if we introduced it (past form)',
      'Clean desk?',
      'Our auditor likes no-phones rules. If we introduced one next year, our admins could not use the Authenticator app. What would we need to do?',
    ],
    [
      "we haven't decided",
      'Clean desk policy',
      'Our auditor suggests a clean desk policy, which would ban phones at desks. We haven’t decided yet. What would the options be for MFA?',
    ],
    [
      'before deciding',
      'App passwords cost',
      'For users on legacy mail clients, which premium plan gives app passwords, and what does it cost per user? We are pricing it before deciding anything.',
    ],
    [
      'point me to a list',
      'Authenticator alternatives',
      'Your guidance for clean desk policies mentions authenticator apps that run on Windows PCs. Could you point me to a list of them? It is for our customers, not for us.',
    ],
  ])('%s -> none', (_, title, description) => {
    expect(ask(title, description).knownIssue).toBeNull();
  });
});

describe('round 3: two asks listed, the first asked', () => {
  it.each([
    ['1. legacy client, 2. scanner account -> 5', '2 件', FIRST_ASKED_LEGACY, 5],
    ['① time for agents, ② no phones -> 1', '2 点', FIRST_ASKED_TIME, 1],
  ])('%s (the rules)', (_, title, description, expected) => {
    const result = classify({ title, description }, 'en', { model: null });
    expect(result.knownIssue).toBe(expected);
    expect(ids(result)).toContain('context:first_asked');
  });
  it('1. legacy client, 2. scanner account -> 5 (rules and learned part together)', () => {
    expect(ask('2 件', FIRST_ASKED_LEGACY).knownIssue).toBe(5);
  });
  // Once a known cost of the learned part (test/corpus/RESULTS.md, round 3): it cannot see which item
  // came first, and overruled the reading here with issue 4 (the second item). Since round 7 it leaves
  // a first-asked reading be (classifier-round7.spec.ts).
  it('① time for agents, ② no phones -> 1 (rules and learned part together)', () => {
    expect(ask('2 点', FIRST_ASKED_TIME).knownIssue).toBe(1);
  });
  it('an item set aside is not asked', () => {
    const result = ask(
      'Two things',
      '1) Our sales team is not on MFA yet; they never touch customer tenants, so we will sort that internally - no action needed.\n2) Our 6 admin agents who use GDAP need 4 more weeks to finish enrolment. Please exempt them until then.',
    );
    // The answer here is 2 (the sales clause before the ';' still reads as asked): a known weakness of
    // clause roles inside list items; this test keeps only that the reading does not apply.
    expect(ids(result)).not.toContain('context:first_asked');
  });
  it('never moves a ticket to 6 or 7', () => {
    const result = ask(
      '2 items',
      '1. We federate with Okta and the MFA claim is not passed; please grant an exception.\n2. Our scanners use a shared service account that cannot do MFA; please exempt it too.',
    );
    expect(ids(result)).not.toContain('context:first_asked');
  });
});
