import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, missingDetails, type ClassifierInput } from '../../src/classification/domain/classifier.js';
import { evaluate, type CorpusCase } from '../../src/classification/domain/evaluation.js';
import { findKnownIssue } from '../../src/classification/domain/known-issues.js';

const ask = (title: string, description = '', extra: Partial<ClassifierInput> = {}) => classify({ title, description, ...extra });

describe('classifier: each known issue, in English and Japanese', () => {
  it.each([
    [
      1,
      'Need more time for MFA',
      'Our admin agents use GDAP to manage customer tenants and we have not finished rolling out MFA for them. We need two more months.',
    ],
    [
      1,
      'MFA 導入の猶予',
      '委任された管理者特権で顧客テナントを管理しているエージェントへの MFA 導入がまだ完了していません。もう少し時間が必要です。',
    ],
    [
      2,
      'Back-office staff without MFA',
      "Our finance and sales staff don't use delegated admin privileges and never sign in to customer tenants. MFA for them is still being rolled out.",
    ],
    [
      2,
      '営業部門の MFA',
      '営業と経理のユーザーは委任された管理者特権を使用していません。これらのユーザーへの MFA 展開には時間がかかります。',
    ],
    [
      3,
      'Printer service accounts',
      'We have low-privilege user accounts used as service accounts on scanners and meeting room devices; they cannot do MFA.',
    ],
    [
      3,
      '複合機のサービスアカウント',
      '複合機や会議室の端末でサービスアカウントとして使っている低権限のユーザーアカウントがあり、MFA を設定できません。',
    ],
    [
      4,
      'Authenticator app not possible',
      'We have a clean desk policy: staff may not bring personal phones onto the floor, so they cannot install Microsoft Authenticator.',
    ],
    [4, 'スマホ持ち込み禁止', 'セキュリティ規定で私物のスマートフォンの持ち込みが禁止されており、Authenticator アプリを使えません。'],
    [
      5,
      'Outlook 2010 breaks with MFA',
      'Some agents still use Outlook 2010 and POP/IMAP clients with basic authentication, which cannot do MFA.',
    ],
    [
      5,
      'レガシー認証',
      '一部のエージェントが古いメールクライアントを使っており、レガシー認証プロトコルのため MFA を有効にすると使えなくなります。',
    ],
    [
      6,
      'EXO PowerShell',
      'We manage customer mailboxes with Exchange Online PowerShell using delegated admin privileges; the module does not support MFA.',
    ],
    [
      6,
      'Exchange Online PowerShell が MFA 非対応',
      '代理管理特権で Exchange Online PowerShell を使ってお客様の Exchange を管理していますが、MFA に対応していません。',
    ],
    [
      7,
      'Duo claim not recognised',
      'We use Duo through ADFS federation; Entra ID does not recognise the MFA and the amr claim does not flow.',
    ],
    [
      7,
      'サードパーティ MFA が認識されない',
      'サードパーティの MFA ソリューションを ID フェデレーションで連携していますが、Azure AD に MFA 完了が認識されません。',
    ],
  ] as const)('names issue %i for "%s"', (issue, title, description) => {
    const result = ask(title, description);
    expect(result.knownIssue).toBe(issue);
    expect(result.eligibility).toBe(findKnownIssue(issue)!.eligibility);
    expect(result.signals.length).toBeGreaterThan(0);
    expect(result.confidence).toBeGreaterThan(0.4);
  });
});

describe('classifier: near neighbours', () => {
  it('tells agents who use delegated admin (1) from staff who do not (2)', () => {
    expect(
      ask('More time for MFA', 'Our helpdesk agents use DAP on customer tenants and MFA is not rolled out to them yet.').knownIssue,
    ).toBe(1);
    expect(
      ask('More time for MFA', 'Our marketing team does not use DAP and never touches customer tenants; MFA is not rolled out to them yet.')
        .knownIssue,
    ).toBe(2);
  });

  it('tells people (2) from user accounts on devices (3)', () => {
    expect(ask('No MFA for shared kiosk logins', 'Kiosk devices in our warehouse sign in with a shared service account.').knownIssue).toBe(
      3,
    );
    expect(ask('Sales users need time', 'Sales staff do not use delegated admin and need time to enrol in MFA.').knownIssue).toBe(2);
  });

  it('tells legacy mail protocols (5) from Exchange Online PowerShell (6)', () => {
    expect(
      ask('Basic auth mail', 'Agents read Exchange Online mail over IMAP with basic auth; those clients break with MFA.').knownIssue,
    ).toBe(5);
    expect(
      ask('Remote PowerShell', 'Connect-ExchangeOnline with delegated admin to customer tenants fails once MFA is on.').knownIssue,
    ).toBe(6);
  });

  it('tells no phone for the Authenticator app (4) from a third-party MFA product (7)', () => {
    expect(ask('No phones', 'Phones are banned on our secure floor, so the Authenticator app is not an option.').knownIssue).toBe(4);
    expect(ask('Okta MFA', 'We use Okta as our MFA provider, federated with Entra ID, but the MFA claim is not passed.').knownIssue).toBe(
      7,
    );
  });
});

describe('classifier: abstains', () => {
  it.each([
    ['billing', 'Invoice question', 'Our November invoice shows the wrong number of licences.'],
    ['onboarding', 'MPN enrolment', 'How do we finish the partner program enrolment and tax profile?'],
    ['API limits', 'Throttled', 'The Partner Center API returns 429 too many requests when we sync customers.'],
    ['a lost phone', 'Lost phone', 'I lost my phone and need my MFA registration reset so I can sign in again.'],
    ['a bare request', 'Exception please', 'Please exempt our tenant from MFA.'],
    ['billing (ja)', '請求書について', '今月の請求書の金額が間違っているようです。'],
    ['a new phone (ja)', '機種変更', '機種変更したので MFA を再登録したいです。'],
    ['a bare request (ja)', '例外申請', 'MFA の例外をお願いします。'],
  ])('on %s', (_, title, description) => {
    const result = ask(title, description);
    expect(result.knownIssue).toBeNull();
    expect(result.eligibility).toBe('undetermined');
    expect(result.guidance).toMatch(/\S/);
  });

  it('says why: nothing matched, or the text is about something else', () => {
    expect(ask('Exception please', 'Please exempt us.').abstainReason).toBe('no_evidence');
    expect(ask('Invoice', 'Our invoice is wrong.').abstainReason).toBe('not_an_exception_request');
  });
});

describe('classifier: normalisation and explanations', () => {
  it('reads abbreviations, typos, plurals and full-width text alike', () => {
    for (const text of [
      'We manage customers via EXO PowerShell with DAP and 2FA breaks it',
      'We manage customers via Exchange Online Powershel with delegated admin and multi-factor breaks it',
      'ＷＥ ＭＡＮＡＧＥ ＣＵＳＴＯＭＥＲＳ ＶＩＡ ＥＸＯ ＰＯＷＥＲＳＨＥＬＬ ＷＩＴＨ ＤＡＰ',
    ]) {
      expect(ask('Exchange', text).knownIssue).toBe(6);
    }
  });

  it('is deterministic: the same input gives the same answer', () => {
    const input = { title: 'Duo', description: 'Duo via custom controls, claim not recognized' };
    expect(classify(input)).toEqual(classify(input));
  });

  it('names the signals and the phrases that decided', () => {
    const result = ask('Clean desk', 'Clean desk policy, no personal phones.');
    expect(result.signals.map((s) => s.id)).toContain('no_phones_allowed');
    expect(result.candidates[0]).toMatchObject({ knownIssue: 4 });
  });

  it('answers guidance in Japanese when asked', () => {
    expect(classify({ title: 'Okta', description: 'Okta MFA via federation, amr claim missing' }, 'ja').guidance).toMatch(
      /[ぁ-んァ-ヶ一-龠]/,
    );
  });
});

describe('classifier: missing details for issue 7', () => {
  const text = { title: 'Third-party MFA not recognised', description: 'Our third-party MFA is federated and the claim does not flow.' };
  it('lists every required detail when the form part is absent', () => {
    expect(classify(text).missingDetails).toEqual([
      'thirdPartyMfa.provider',
      'thirdPartyMfa.integrationMethod',
      'thirdPartyMfa.providerConfirmedClaimCannotFlow',
    ]);
  });
  it('asks only for the provider confirmation when it is not given', () => {
    const result = classify({
      ...text,
      thirdPartyMfa: { provider: 'Duo', integrationMethod: 'identity_federation', providerConfirmedClaimCannotFlow: false },
    });
    expect(result.missingDetails).toEqual(['thirdPartyMfa.providerConfirmedClaimCannotFlow']);
  });
  it('lists nothing when all is given, and nothing for issues that need nothing', () => {
    expect(
      missingDetails(7, {
        ...text,
        thirdPartyMfa: { provider: 'Duo', integrationMethod: 'custom_controls', providerConfirmedClaimCannotFlow: true },
      }),
    ).toEqual([]);
    expect(missingDetails(4, text)).toEqual([]);
  });
});

describe('classifier: the held-out corpus bars', () => {
  const holdout = JSON.parse(readFileSync('test/corpus/classifier-holdout.json', 'utf8')) as CorpusCase[];
  const report = evaluate(holdout);
  it('has a corpus of the required shape', () => {
    const dev = ['test/corpus/classifier-dev.json', 'test/corpus/classifier-dev-2.json', 'test/corpus/classifier-dev-3.json'].flatMap(
      (f) => JSON.parse(readFileSync(f, 'utf8')) as CorpusCase[],
    );
    const all = [...dev, ...holdout];
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(all.filter((c) => c.lang === 'ja').length).toBeGreaterThanOrEqual(all.length / 3);
    for (const label of [1, 2, 3, 4, 5, 6, 7, null]) expect(holdout.some((c) => c.label === label)).toBe(true);
  });
  it('is at least as accurate on the held-out part as before issue 14 (116 of 120)', () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(116 / 120 - 1e-9);
  });
  it('never calls a not-valid issue "may be valid" with confidence above 0.8', () => {
    expect(report.unsafe.map((p) => p.case.id)).toEqual([]);
  });
});

/**
 * Development cases the rules are left to miss, each for a reason (test/corpus/RESULTS.md, round 9): a
 * reading that would take them in does more harm elsewhere.
 */
const KNOWN_MISSES: Readonly<Record<string, string>> = {
  'dev10-078':
    '「どうすればよいでしょうか」 after a blocker is read as a how-to question; reading it as a request turned how-to questions about 6 and 7 into 6 and 7 (review, round 9)',
  'rd17-088':
    'the rules name 2, but the learned part, sure of none from 「…かを教えてください」, overrules them (it may, when the rules are at most 0.9 confident)',
};

describe('classifier: the realistic corpus (GitHub issue 14)', () => {
  const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CorpusCase[];
  it('keeps the realistic development batches it was tuned on (accuracy >= 95%, costly <= 1%)', () => {
    const report = evaluate(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].flatMap((n) => load(`test/corpus/realistic-dev-${n}.json`)),
    );
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.costlyRate).toBeLessThanOrEqual(0.01);
  });
  // Each batch was tuned on to 100%; a rule change that loses a development case shows here, by id.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18])(
    'keeps realistic development batch %i at 100%, but for its known misses',
    (n) => {
      const report = evaluate(load(`test/corpus/realistic-dev-${n}.json`));
      expect(report.errors.map((e) => e.case.id).filter((id) => !(id in KNOWN_MISSES))).toEqual([]);
    },
  );
  it.each([4, 5, 6, 7, 8, 9, 10])('keeps the tidy-style development batch %i at 100%, but for its known misses', (n) => {
    const missed = evaluate(load(`test/corpus/classifier-dev-${n}.json`)).errors.map((e) => e.case.id);
    expect(missed.filter((id) => !(id in KNOWN_MISSES))).toEqual([]);
  });
  it('still misses each known miss (a fixed one leaves the list)', () => {
    const cases = ['classifier-dev-10', 'realistic-dev-17']
      .flatMap((f) => load(`test/corpus/${f}.json`))
      .filter((c) => c.id in KNOWN_MISSES);
    expect(
      evaluate(cases)
        .errors.map((e) => e.case.id)
        .sort(),
    ).toEqual(Object.keys(KNOWN_MISSES).sort());
  });
  // The issue's bars, met since round 9 (test/corpus/RESULTS.md): on its new realistic held-out set and on
  // every realistic held-out set pooled. Scored here, never tuned on: a change that loses them fails.
  it.each([
    ['the realistic held-out set', ['']],
    ['every realistic held-out set pooled', ['', '-2', '-3', '-4', '-5', '-6', '-7']],
  ])('keeps the issue-14 bars on %s: accuracy >= 95%, Japanese >= 93%, costly <= 1%', (_, suffixes) => {
    const report = evaluate(suffixes.flatMap((n) => load(`test/corpus/realistic-holdout${n}.json`)));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.byLanguage['ja'].accuracy).toBeGreaterThanOrEqual(0.93);
    expect(report.costlyRate).toBeLessThanOrEqual(0.01);
  });
});
