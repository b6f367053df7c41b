import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKnownIssue } from '../../src/classification/domain/known-issues.js';
import { buildRequestBody, tenantRowCounts } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';
import { expectProblem } from '../support/problems.js';

const PRECHECK = '/v1/exception-requests/precheck';
/** Hiragana, katakana or CJK ideographs: the text is Japanese. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const THIRD_PARTY_DETAILS = ['thirdPartyMfa.provider', 'thirdPartyMfa.integrationMethod', 'thirdPartyMfa.providerConfirmedClaimCannotFlow'];

const DRAFTS = {
  exchangePowerShell: {
    title: 'Exchange Online PowerShell cannot complete MFA',
    description:
      'Our admin agents manage customer mailboxes through Exchange Online PowerShell with delegated admin privileges; the module does not support MFA.',
  },
  cleanDesk: {
    title: 'Clean desk policy: no phones allowed',
    description:
      'Our support floor has a clean desk policy and personal phones are not allowed, so agents cannot install the Microsoft Authenticator app.',
  },
  legacyMail: {
    title: 'Outlook 2010 cannot do MFA',
    description: 'Some agents still use Outlook 2010 with legacy authentication; turning on MFA would break their mail client.',
  },
  thirdParty: {
    title: 'Third-party MFA not recognised',
    description:
      'We use Duo Security as our third-party MFA provider through identity federation, but the MFA claim is not passed to Azure AD in the amr claim, so Partner Center still asks for MFA.',
  },
  billing: {
    title: 'Question about our invoice',
    description: 'We were charged twice on our last invoice for the CSP subscription. Could billing please check the amount?',
  },
  jaServiceAccount: {
    title: '複合機のサービスアカウント',
    description:
      '複合機のスキャン送信に使うサービスアカウントがあり、MFA を設定できません。このアカウントは顧客テナントにはアクセスしません。',
  },
  jaExchangePowerShell: {
    title: 'Exchange Online PowerShell が MFA に対応していない',
    description:
      '委任された管理者特権で顧客の Exchange Online を Exchange Online PowerShell で管理していますが、このモジュールは MFA に対応していません。',
  },
  jaCleanDesk: {
    title: 'スマホ持込禁止のため Authenticator を使えない',
    description:
      'クリーンデスク ポリシーにより職場へのスマートフォンの持ち込みが禁止されているため、Microsoft Authenticator アプリを使えません。',
  },
} as const;

describe('POST /v1/exception-requests/precheck', () => {
  let t: TestApp;
  let partner: Awaited<ReturnType<typeof partnerTenant>>;

  const precheck = (body: unknown, headers: Record<string, string> = {}, token = partner.adminAgent) =>
    t.http.post(PRECHECK, body, { token, headers });

  beforeAll(async () => {
    t = await startTestApp();
    partner = await partnerTenant(t.tokens);
    // One stored request, so that "nothing stored" is checked against counts that are not all zero.
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    expect(filed.status).toBe(201);
  });
  afterAll(() => t?.close());

  describe('classifies English and Japanese drafts', () => {
    it.each([
      ['Exchange Online PowerShell (en)', DRAFTS.exchangePowerShell, 6, 'may_be_valid'],
      ['clean desk, no phones (en)', DRAFTS.cleanDesk, 4, 'not_valid'],
      ['legacy mail client (en)', DRAFTS.legacyMail, 5, 'not_valid'],
      ['third-party MFA not recognised (en)', DRAFTS.thirdParty, 7, 'may_be_valid'],
      ['service account on a multifunction printer (ja)', DRAFTS.jaServiceAccount, 3, 'not_valid'],
      ['Exchange Online PowerShell (ja)', DRAFTS.jaExchangePowerShell, 6, 'may_be_valid'],
      ['clean desk, no smartphones (ja)', DRAFTS.jaCleanDesk, 4, 'not_valid'],
    ] as const)('%s -> known issue %s, %s', async (_, draft, knownIssue, eligibility) => {
      const res = await precheck(draft);
      expect(res.status, res.text).toBe(200);
      const c = res.body.classification;
      expect(c).toMatchObject({ knownIssue, eligibility });
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      // No Accept-Language: English guidance, the catalogue's, whatever the draft's language.
      expect(c.guidance).toBe(findKnownIssue(knownIssue)!.guidance.en);
      expect(c.guidance).not.toMatch(JAPANESE);
      expect(Array.isArray(c.missingDetails)).toBe(true);
      expect(c.candidates[0]).toMatchObject({ knownIssue });
      expect(c.signals.length).toBeGreaterThan(0);
    });

    it('a billing question names no issue: null, undetermined, with guidance to use another topic', async () => {
      const res = await precheck(DRAFTS.billing);
      expect(res.status).toBe(200);
      expect(res.body.classification).toMatchObject({ knownIssue: null, eligibility: 'undetermined', missingDetails: [] });
      expect(res.body.classification.guidance).toEqual(expect.any(String));
      expect(res.body.classification.guidance.length).toBeGreaterThan(20);
      expect(res.body.classification.signals.map((s: { id: string }) => s.id)).toContain('billing_or_commerce');
    });

    it('accepts a draft with only a title', async () => {
      const res = await precheck({ title: 'Delegated admin: Exchange Online PowerShell to customer tenants does not support MFA' });
      expect(res.status).toBe(200);
      expect(res.body.classification).toMatchObject({ knownIssue: 6, eligibility: 'may_be_valid' });
    });
  });

  describe('guidance language', () => {
    it('Accept-Language: ja gives the Japanese guidance of the catalogue', async () => {
      const res = await precheck(DRAFTS.exchangePowerShell, { 'accept-language': 'ja' });
      expect(res.status).toBe(200);
      expect(res.body.classification.knownIssue).toBe(6);
      expect(res.body.classification.guidance).toBe(findKnownIssue(6)!.guidance.ja);
      expect(res.body.classification.guidance).toMatch(JAPANESE);
    });

    it('a regional tag with weights (ja-JP,ja;q=0.9,en;q=0.8) gives Japanese too; en gives English', async () => {
      const ja = await precheck(DRAFTS.cleanDesk, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
      expect(ja.body.classification.guidance).toBe(findKnownIssue(4)!.guidance.ja);
      const en = await precheck(DRAFTS.jaCleanDesk, { 'accept-language': 'en-US' });
      expect(en.body.classification.guidance).toBe(findKnownIssue(4)!.guidance.en);
    });

    it('Japanese guidance for an unclassified draft as well', async () => {
      const res = await precheck(DRAFTS.billing, { 'accept-language': 'ja' });
      expect(res.body.classification.knownIssue).toBeNull();
      expect(res.body.classification.guidance).toMatch(JAPANESE);
      const en = await precheck(DRAFTS.billing);
      expect(en.body.classification.guidance).not.toBe(res.body.classification.guidance);
    });
  });

  describe('missing details, candidates and signals', () => {
    it('issue 7 without thirdPartyMfa lists the three missing details', async () => {
      const res = await precheck(DRAFTS.thirdParty);
      expect(res.body.classification.knownIssue).toBe(7);
      expect(res.body.classification.missingDetails).toEqual(THIRD_PARTY_DETAILS);
    });

    it('issue 7 with a full thirdPartyMfa lists none', async () => {
      const res = await precheck({
        ...DRAFTS.thirdParty,
        thirdPartyMfa: { provider: 'Duo Security', integrationMethod: 'identity_federation', providerConfirmedClaimCannotFlow: true },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.classification.knownIssue).toBe(7);
      expect(res.body.classification.missingDetails).toEqual([]);
    });

    it('issue 7 with the provider unconfirmed lists only the confirmation', async () => {
      const res = await precheck({
        ...DRAFTS.thirdParty,
        thirdPartyMfa: { provider: 'Duo Security', integrationMethod: 'custom_controls', providerConfirmedClaimCannotFlow: false },
      });
      expect(res.body.classification.missingDetails).toEqual(['thirdPartyMfa.providerConfirmedClaimCannotFlow']);
    });

    it('issue 6 asks for the affected users until they are given', async () => {
      const without = await precheck(DRAFTS.exchangePowerShell);
      expect(without.body.classification.missingDetails).toEqual(['affectedUserIds']);
      const withUsers = await precheck({ ...DRAFTS.exchangePowerShell, affectedUserIds: [randomUUID()] });
      expect(withUsers.body.classification.missingDetails).toEqual([]);
    });

    it('answers the candidates (best first) and the matched signals with their phrases', async () => {
      const res = await precheck(DRAFTS.exchangePowerShell);
      const { candidates, signals } = res.body.classification;
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates.length).toBeLessThanOrEqual(3);
      expect(candidates[0]).toEqual({ knownIssue: 6, score: expect.any(Number) });
      const scores = candidates.map((c: { score: number }) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const ids = signals.map((s: { id: string }) => s.id);
      expect(ids).toContain('exchange_online_powershell');
      for (const signal of signals) {
        expect(signal).toMatchObject({ id: expect.any(String), match: expect.any(String), weights: expect.any(Object) });
        expect(signal.match.length).toBeGreaterThan(0);
      }
    });
  });

  describe('stores nothing', () => {
    it('leaves every row count of the tenant unchanged, even with an Idempotency-Key', async () => {
      const before = await tenantRowCounts(t.db, partner.tenantId);
      expect(before.exception_requests).toBe(1);
      for (const draft of Object.values(DRAFTS)) expect((await precheck(draft)).status).toBe(200);
      expect((await precheck(buildRequestBody(), { 'idempotency-key': randomUUID() })).status).toBe(200);
      expect(await tenantRowCounts(t.db, partner.tenantId)).toEqual(before);
      const list = await t.http.get('/v1/exception-requests', { token: partner.adminAgent });
      expect(list.body.items).toHaveLength(1);
    });

    it('answers the same classification for the same draft twice', async () => {
      const a = await precheck(DRAFTS.jaServiceAccount);
      const b = await precheck(DRAFTS.jaServiceAccount);
      expect(b.body).toEqual(a.body);
    });
  });

  describe('bad drafts and callers', () => {
    it.each([
      ['an empty body', {}],
      ['neither title nor description', { surfaces: ['delegated_admin'], affectedUserIds: [randomUUID()] }],
      [
        'a thirdPartyMfa only',
        { thirdPartyMfa: { provider: 'Duo Security', integrationMethod: 'custom_controls', providerConfirmedClaimCannotFlow: true } },
      ],
    ])('%s -> 422 problem+json, nothing stored', async (_, body) => {
      const before = await tenantRowCounts(t.db, partner.tenantId);
      const res = await precheck(body);
      expectProblem(res, 422, ['description']);
      expect(await tenantRowCounts(t.db, partner.tenantId)).toEqual(before);
    });

    it.each([
      ['an unknown field', { ...DRAFTS.cleanDesk, urgency: 'high' }, 'urgency'],
      ['a title that is a number', { title: 7, description: DRAFTS.cleanDesk.description }, 'title'],
      ['surfaces that is not an array', { ...DRAFTS.cleanDesk, surfaces: 'delegated_admin' }, 'surfaces'],
    ])('%s -> 400 naming the field', async (_, body, field) => {
      expectProblem(await precheck(body), 400, [field]);
    });

    it('a malformed field that is given is still checked (422): an unknown surface', async () => {
      expectProblem(await precheck({ ...DRAFTS.cleanDesk, surfaces: ['azure_portal'] }), 422, ['surfaces']);
    });

    it('lets global admins precheck', async () => {
      const res = await precheck(DRAFTS.cleanDesk, {}, partner.globalAdmin);
      expect(res.status).toBe(200);
      expect(res.body.classification.knownIssue).toBe(4);
    });

    it.each([
      ['reviewers', ROLE.reviewer],
      ['review leads', ROLE.reviewLead],
      ['sales agents', ROLE.salesAgent],
      ['helpdesk agents', ROLE.helpdeskAgent],
    ])('refuses %s with 403', async (_, role) => {
      const token = await t.tokens.mint({ role, tenantId: partner.tenantId });
      const res = await precheck(DRAFTS.cleanDesk, {}, token);
      expectProblem(res, 403);
      expect(res.body.classification).toBeUndefined();
    });

    it('refuses a caller without a token with 401', async () => {
      const res = await t.http.post(PRECHECK, DRAFTS.cleanDesk);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    });
  });

  describe('agrees with filing', () => {
    it.each([
      ['Exchange Online PowerShell (en)', DRAFTS.exchangePowerShell, {}],
      ['clean desk (en)', DRAFTS.cleanDesk, {}],
      ['service account (ja), Japanese guidance', DRAFTS.jaServiceAccount, { 'accept-language': 'ja' }],
      ['billing (en)', DRAFTS.billing, {}],
    ] as const)('filing the same text stores the classification the precheck answered: %s', async (_, draft, headers) => {
      const body = buildRequestBody({ ...draft });
      const checked = await precheck(body, headers);
      expect(checked.status, checked.text).toBe(200);
      const filed = await t.http.post('/v1/exception-requests', body, { token: partner.adminAgent, headers });
      expect(filed.status, filed.text).toBe(201);
      const stored = (await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: partner.adminAgent })).body.classification;
      const { knownIssue, eligibility, confidence, guidance, missingDetails } = checked.body.classification;
      expect(stored).toMatchObject({ knownIssue, eligibility, confidence, guidance, missingDetails });
    });
  });
});
