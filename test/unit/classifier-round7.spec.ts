import { describe, expect, it } from 'vitest';
import { classify, readTicket } from '../../src/classification/domain/classifier.js';
import { loadModel } from '../../src/classification/domain/learned.js';
import learnedModelFile from '../../src/classification/domain/learned-model.json' with { type: 'json' };
import { NO_REQUEST, REQUEST } from '../../src/classification/domain/signals/asking.js';
import { roleOf, rulesOnly, signalIds } from '../support/classifier-probes.js';

// GitHub issue 14, round 7: the readings tuned on classifier-dev-6 (tidy style, English-heavy, a new
// writer), each checked on text written for the test (not corpus cases). Every rule was seen failing
// here with it disabled.

const ids = signalIds;

describe('round 7: the ticket structure', () => {
  it('a title is split at a semicolon: "X fixed; Y remains" has a resolved part and an asked part', () => {
    const clauses = readTicket({ title: 'Duo sorted; kiosks still blocked', description: 'Please help.' }).clauses.filter((c) => c.inTitle);
    expect(clauses.map((c) => c.role)).toEqual(['resolved', 'ask']);
  });
  it('"First, … Second, …" lists two asks, and the first asked wins over Exchange Online PowerShell', () => {
    const description =
      '2点お願いします。First, 一部の agents が IMAP の basic auth でメールを読んでいて、MFA を入れると接続できなくなります。' +
      'Second, 代理管理で顧客の Exchange Online を PowerShell で管理している担当者も MFA 非対応です。Please grant exceptions for both.';
    const result = rulesOnly('IMAP と PowerShell', description);
    expect(ids(result)).toContain('context:first_asked');
    expect(result.knownIssue).toBe(5);
  });
});

describe('round 7: requests in other words', () => {
  it('「例外にしてほしいです」 and "hold the enforcement" request something', () => {
    expect(REQUEST.test(' 会議室のアカウントを例外にしてほしいです ')).toBe(true);
    expect(REQUEST.test(' could you hold the enforcement for the remaining staff ')).toBe(true);
  });
  it('"hold the enforcement" for staff still rolling out is more time', () => {
    expect(ids(rulesOnly('GDAP staff', 'Could you hold the enforcement for our GDAP technicians until the rollout ends?'))).toContain(
      'needs_more_time',
    );
  });
});

describe('round 7: background and plans in other words', () => {
  it('"were retired" and "disregard the earlier ticket" say a problem is over', () => {
    expect(roleOf('Our Outlook 2010 machines were retired last week.', 'retired')).toBe('resolved');
    expect(roleOf('Please disregard the earlier legacy-auth ticket.', 'disregard')).toBe('resolved');
  });
  it.each([
    ['We plan to onboard 20 GDAP technicians next year.', 'onboard'],
    ['Just asking in advance.', 'asking in advance'],
    ['受付にタブレット端末を置くことを検討しています。', '検討'],
  ])('"%s" is a plan', (text, words) => {
    expect(roleOf(text, words)).toBe('hypothetical');
  });
});

describe('round 7: the Authenticator app cannot be used, in other words', () => {
  it.each([
    ["Microsoft Authenticator isn't available for the handsets our contract mandates."],
    ['Our MDM allows five apps and Authenticator is not on the list.'],
    ["Only five apps may be installed, and Authenticator isn't on it."],
  ])('"%s"', (text) => {
    expect(ids(rulesOnly('Handsets', text))).toContain('authenticator_unusable');
  });
});

describe("round 7: Exchange Online PowerShell in the partner's own tenant, by people", () => {
  const ownTenant =
    'Our mail admin runs Exchange Online PowerShell against our own mailboxes only. The old module cannot do MFA, so please exempt her account while we move to the new module.';
  it("is issue 2 (admins who only touch the partner's own tenant), named as context:own_tenant_people", () => {
    const result = classify({ title: 'Own mailboxes', description: ownTenant });
    expect(ids(result)).toContain('context:own_tenant_people');
    expect(result.knownIssue).toBe(2);
  });
  it('is not named when nothing is requested (a description, not an ask)', () => {
    const result = classify({
      title: 'Own mailboxes',
      description: 'Our mail admin runs Exchange Online PowerShell against our own mailboxes only, with the new module.',
    });
    expect(result.knownIssue).toBeNull();
  });
});

// Round 7, second part: tuned on realistic-dev-10 (Japanese-heavy, a new writer).
describe('round 7: realistic-dev-10 readings', () => {
  it('「…追加したことで解決し、」 and 「RSA 連携は解決」 say a problem is over', () => {
    expect(roleOf('クレーム規則を追加したことで解決し、問題なくなりました。', '解決し')).toBe('resolved');
    expect(
      readTicket({ title: '【続報】RSA 連携は解決／購買部について', description: 'よろしくお願いします。' }).clauses.find((c) =>
        c.raw.includes('RSA'),
      )?.role,
    ).toBe('resolved');
  });
  it('「急ぎではないと理解しています」 sets that group aside', () => {
    expect(roleOf('営業部は顧客テナントに入らないため、急ぎではないと理解しています。', '急ぎ')).toBe('aside');
  });
  it('"the exception we\'re asking for is …" requests', () => {
    expect(REQUEST.test(' the exception we re asking for is for the pingid issue only ')).toBe(true);
  });
  it('asking to revoke an exception early asks for nothing to be excepted; promising to withdraw it later does not', () => {
    const revoke = classify({
      title: 'MFA rollout finished',
      description:
        'Our exception for delegated-admin agents runs to April. Everyone is enrolled now, so please revoke the exception early.',
    });
    expect(ids(revoke)).toContain('context:ends_exception');
    expect(revoke.knownIssue).toBeNull();
    expect(ids(rulesOnly('x', '対応版が提供され次第、例外の取り下げを申請いたします。'))).not.toContain('context:ends_exception');
    expect(ids(rulesOnly('x', '全員の登録が済みましたので、例外を取り消してください。'))).toContain('context:ends_exception');
  });
  it('「持込みが全面禁止」 bans phones', () => {
    expect(ids(rulesOnly('工場', '工場は携帯電話の持込みが全面禁止です。'))).toContain('no_phones_allowed');
  });
  it('the first-asked reading is named even when the first item leads already, and the learned part leaves it be', () => {
    const description =
      '以下 2 点、それぞれ例外をお願いします。\n① 工場のヘルプデスク 5 名：携帯電話の持込みが全面禁止で Authenticator が使えません。\n② 本社の 3 名：Outlook 2010 のため MFA を有効にするとメールが使えなくなります。';
    const result = classify({ title: '2 点の例外申請', description });
    expect(ids(result)).toContain('context:first_asked');
    expect(ids(result)).not.toContain('learned:changed');
    expect(result.knownIssue).toBe(4);
  });
});

describe('round 7: the learned part and the first-asked reading', () => {
  // A model that always answers 5, sure of it: it would overrule any rules answer it is allowed to.
  const alwaysFive = loadModel({
    ...learnedModelFile,
    bias: [0, 0, 0, 0, 30, 0, 0, 0],
    ngrams: [],
    weights: [],
  });
  const description =
    '以下 2 点、それぞれ例外をお願いします。\n① 工場のヘルプデスク 5 名：携帯電話の持込みが全面禁止で Authenticator が使えません。\n② 本社の 3 名：Outlook 2010 のため MFA を有効にするとメールが使えなくなります。';
  it('a model sure of another answer does not move a ticket the first-asked reading decided', () => {
    expect(classify({ title: '2 点の例外申請', description }, 'en', { model: alwaysFive }).knownIssue).toBe(4);
  });
  it('(the same model does move a ticket with no list)', () => {
    const result = classify(
      {
        title: 'Authenticator',
        description: '工場は携帯電話の持込みが全面禁止で Authenticator が使えません。例外をお願いします。Outlook 2010 も使っています。',
      },
      'en',
      { model: alwaysFive },
    );
    expect(ids(result)).toContain('learned:changed');
  });
});

// Round 7, third part: tuned on realistic-dev-9, realistic-dev-11 and classifier-dev-7 (first seen on d57d76a).
describe('round 7: realistic-dev-9 and -11, classifier-dev-7 readings', () => {
  it('"no accounts to exempt today" is not a request', () => {
    expect(REQUEST.test(' just planning ahead no accounts to exempt today ')).toBe(false);
    expect(REQUEST.test(' please exempt these accounts ')).toBe(true);
  });
  it.each([
    ['nothing needed from your side', ' so nothing needed from your side '],
    ['wanted it on record', ' just wanted it on record '],
    ['can be closed', ' this can be closed '],
    ['影響有無', ' まず影響有無だけ教えてください '],
    ['影響を受けますか', ' 自社向けのスクリプトは影響を受けますか '],
  ])('"%s" asks for nothing', (_, text) => {
    expect(NO_REQUEST.test(text)).toBe(true);
  });
  it.each([
    ['The EXO question is settled.', 'settled'],
    ['The new module works with MFA for delegated connections.', 'works with MFA'],
    ["We've moved over to it.", 'moved over'],
    ["We've withdrawn that request.", 'withdrawn'],
  ])('"%s" says a problem is over', (text, words) => {
    expect(roleOf(text, words)).toBe('resolved');
  });
  it('"purely informational" and "a side question" are asides', () => {
    expect(roleOf('Also, purely informational: we use Exchange Online PowerShell for our own tenant.', 'informational')).toBe('aside');
    expect(roleOf('A side question: does this cover our own tenant?', 'side question')).toBe('aside');
  });
  it.each([
    ['the delegated org path', 'The delegated org path will not take MFA.'],
    ['the delegated organisation parameter', 'We use the delegated organisation parameter on the remote session.'],
    ['Exchange cmdlets', 'We run Exchange cmdlets against each customer.'],
  ])('%s is Exchange Online PowerShell', (_, text) => {
    expect(ids(rulesOnly('Customers', text))).toContain('exchange_online_powershell');
  });
  it('a token whose amr is only "pwd" is the claim not passed; "pwd", "mfa" is not', () => {
    expect(ids(rulesOnly('Centrify', 'Token の amr: ["pwd"].'))).toContain('mfa_claim_not_passed');
    expect(ids(rulesOnly('Centrify', 'Token の amr: ["pwd", "mfa"].'))).not.toContain('mfa_claim_not_passed');
  });
  it('"a brief deferral" asks for time', () => {
    expect(ids(rulesOnly('Deferral', 'We ask for a brief deferral for eleven delegated administrators.'))).toContain('needs_more_time');
  });
});
