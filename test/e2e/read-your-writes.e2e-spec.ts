import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrantIndex } from '../../src/enforcement/grant-index.js';
import { buildRequestBody } from '../support/factories.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

// The instance that approves or revokes has applied the change to its own enforcement index before
// its answer leaves: an enforcement call routed to it right after sees the change. The index's other
// channels (NOTIFY, the 500 ms poll) are stopped here, so only that path can make these pass.

const DAY = 86_400_000;

describe('read-your-writes on the instance that changes a grant', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let t: TestApp;

  beforeAll(async () => {
    db = await isolatedDatabase('ryw');
    tokens = new TokenFactory(await newSigningKey());
    t = await startTestApp(db.env, tokens);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('exempts right after the approval answers, and requires MFA right after the revocation answers', async () => {
    const index = t.app.get(GrantIndex);
    // Stop NOTIFY and polling; the index stays fresh for 5 s, long enough for this test.
    await index.onApplicationShutdown();
    await index.reload();
    const partner = await partnerTenant(tokens);
    const reviewer = await tokens.mint({ role: ROLE.reviewer });
    const enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const userId = filed.body.affectedUserIds[0] as string;
    expect((await t.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer })).status).toBe(200);
    const evaluate = async () =>
      (
        await t.http.post(
          '/v1/enforcement/evaluate',
          { surface: 'delegated_admin', claims: { tid: partner.tenantId, oid: userId, amr: ['pwd'] } },
          { token: enforcement },
        )
      ).body.decision as string;
    const status = async () =>
      (
        await t.http.get(`/v1/enforcement/status?tenantId=${partner.tenantId}&userId=${userId}&surface=delegated_admin`, {
          token: enforcement,
        })
      ).body.exempt as boolean;
    expect(await evaluate()).toBe('mfa_required');

    const approved = await t.http.post(
      `/v1/exception-requests/${filed.body.id}/decision`,
      {
        outcome: 'approved',
        reason: 'Delegated EXO module.',
        grant: { userIds: [userId], surfaces: ['delegated_admin'], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() },
      },
      { token: reviewer },
    );
    expect(approved.status, approved.text).toBe(200);
    expect(await evaluate()).toBe('exempt');
    expect(await status()).toBe(true);

    const revoked = await t.http.post(`/v1/exception-grants/${approved.body.grantId}/revoke`, { reason: 'ended' }, { token: reviewer });
    expect(revoked.status, revoked.text).toBe(200);
    expect(await evaluate()).toBe('mfa_required');
    expect(await status()).toBe(false);
  });
});
