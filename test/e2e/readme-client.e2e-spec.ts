import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody } from '../support/factories.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

interface ReadmeClient {
  sync(): Promise<void>;
  mayskipMfa(tenantId: string, userId: string, surface: string, now?: number): boolean;
}

/** The example client exactly as the README prints it, with its timer left to the test. */
function readmeClient(base: string, token: string): ReadmeClient {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Enforcement: integrating a service'));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the README's code as printed is the test
  const build = new Function('BASE', 'TOKEN', 'setInterval', `${code}\nreturn { sync, mayskipMfa };`);
  return build(base, token, () => 0) as ReadmeClient;
}

describe('the README example client', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let tokens: TokenFactory;

  beforeAll(async () => {
    db = await isolatedDatabase('readme');
    tokens = new TokenFactory(await newSigningKey());
    t = await startTestApp(db.env, tokens);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('keeps a copy from the feed: exempt after approval, not after revocation, fails closed when stale', async () => {
    const client = readmeClient(t.baseUrl, await tokens.mint({ role: ROLE.enforcement, app: true }));
    const reviewer = await tokens.mint({ role: ROLE.reviewer });
    const partner = await partnerTenant(tokens);
    const userId = randomUUID();
    await client.sync();
    expect(client.mayskipMfa(partner.tenantId, userId, 'delegated_admin')).toBe(false);

    const filed = (
      await t.http.post('/v1/exception-requests', buildRequestBody({ affectedUserIds: [userId] }), { token: partner.adminAgent })
    ).body;
    expect((await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer })).body.id).toBe(filed.id);
    const grant = { userIds: [userId], surfaces: ['delegated_admin'], expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() };
    const decided = await t.http.post(
      `/v1/exception-requests/${filed.id}/decision`,
      { outcome: 'approved', reason: 'EXO PowerShell', grant },
      { token: reviewer },
    );
    await client.sync();
    expect(client.mayskipMfa(partner.tenantId, userId, 'delegated_admin')).toBe(true);
    expect(client.mayskipMfa(partner.tenantId, userId, 'partner_center_api')).toBe(false);
    expect(client.mayskipMfa(partner.tenantId, userId, 'delegated_admin', Date.now() + 6000)).toBe(false); // stale copy

    await t.http.post(`/v1/exception-grants/${decided.body.grantId}/revoke`, { reason: 'done' }, { token: reviewer });
    await client.sync();
    expect(client.mayskipMfa(partner.tenantId, userId, 'delegated_admin')).toBe(false);
  });
});
