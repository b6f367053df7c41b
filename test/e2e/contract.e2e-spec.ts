import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRequest } from '../../examples/typed-client.js';
import { normalizedDocument } from '../../src/openapi-document.js';
import { PROBLEM_CODE_LIST } from '../../src/shared/problem-codes.js';
import { ContractValidator, typedClient } from '../support/contract.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';

// The published contract (api.md, "The published contract"): the document is generated from the code,
// the committed copy (openapi/openapi.json, from which openapi/schema.d.ts is generated) is the live
// one, a client typed from it walks the whole flow without a cast, and every answer of the walk fits
// the document's schema for its status.

const DAY = 86_400_000;

/** The answer's typed body, or a failure naming what came back instead (no casts, no `!`). */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

describe('the OpenAPI document', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let document: Record<string, any>;
  let validator: ContractValidator;

  beforeAll(async () => {
    db = await isolatedDatabase('contract');
    t = await startTestApp(db.env);
    document = (await t.http.get('/openapi.json')).body;
    validator = new ContractValidator(document as never);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is the committed document: run `npm run openapi:update` after changing the API', () => {
    const committed = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
    expect(normalizedDocument(document)).toEqual(committed);
  });

  it('names every operation in lowerCamelCase, and declares a typed success and the problem schema for every error', () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        expect(operation.summary, where).toEqual(expect.any(String));
        ids.push(operation.operationId);
        for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
          if (status === '204') continue;
          const [type, content] = (Object.entries(response.content ?? {})[0] ?? []) as [string?, { schema?: { $ref?: string } }?];
          expect(content?.schema, `${where} ${status} has a schema`).toBeDefined();
          if (Number(status) >= 400) {
            expect(type, `${where} ${status}`).toBe('application/problem+json');
            expect(content?.schema?.$ref, `${where} ${status}`).toBe('#/components/schemas/ProblemModel');
          }
        }
        if (operation.requestBody) {
          const schema = operation.requestBody.content['application/json'].schema;
          const model = document.components.schemas[schema.$ref.split('/').at(-1)];
          const examples = Object.values(model.properties as Record<string, { example?: unknown }>).filter((p) => p.example !== undefined);
          expect(examples.length, `${where} has an example body`).toBeGreaterThan(0);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['fileRequest', 'claimNextRequest', 'decideRequest', 'renewClaim', 'getMe', 'listNotifications']),
    );
    expect(document.components.schemas.ProblemCode.enum).toEqual(PROBLEM_CODE_LIST);
  });

  it('walks the whole flow through a client typed from the document, every answer fitting its schema', async () => {
    const partner = await partnerTenant(t.tokens);
    const reviewerId = randomUUID();
    const asPartner = typedClient(t.baseUrl, partner.adminAgent, validator);
    const asReviewer = typedClient(t.baseUrl, await t.tokens.mint({ role: ROLE.reviewer, userId: reviewerId }), validator);
    const asEnforcement = typedClient(t.baseUrl, await t.tokens.mint({ role: ROLE.enforcement, app: true }), validator);
    const userId = randomUUID();

    const filed = await asPartner.POST('/v1/exception-requests', {
      body: {
        title: 'Exchange Online PowerShell cannot complete MFA',
        description: 'Our admin agents manage customer mailboxes with Exchange Online PowerShell and delegated admin privileges.',
        affectedUserIds: [userId],
        surfaces: ['delegated_admin'],
        contact: { name: 'Aiko Tanaka', email: 'aiko@partner.example' },
      },
    });
    expect(filed.response.status).toBe(201);
    const requestId = ok(filed).id;
    expect(ok(filed).classification.knownIssue).toBe(6);

    const listed = await asPartner.GET('/v1/exception-requests', { params: { query: { limit: 10 } } });
    expect(ok(listed).items.map((r) => r.id)).toContain(requestId);

    const claimed = await asReviewer.POST('/v1/review-queue/claim', { body: { requestId } });
    expect(ok(claimed).assignee?.userId).toBe(reviewerId);
    expect(ok(claimed).allowedActions).toEqual(expect.arrayContaining(['decide', 'request_info', 'renew_claim']));

    const asked = await asReviewer.POST('/v1/exception-requests/{id}/request-info', {
      params: { path: { id: requestId } },
      body: { message: 'Which module version?' },
    });
    expect(ok(asked).status).toBe('info_requested');
    const note = await asReviewer.POST('/v1/exception-requests/{id}/messages', {
      params: { path: { id: requestId } },
      body: { body: 'Internal: probably EXO V1.', internal: true },
    });
    expect(ok(note).internal).toBe(true);
    const replied = await asPartner.POST('/v1/exception-requests/{id}/messages', {
      params: { path: { id: requestId } },
      body: { body: 'Version 1.0.1.' },
    });
    expect(replied.response.status).toBe(201);
    const messages = await asPartner.GET('/v1/exception-requests/{id}/messages', { params: { path: { id: requestId } } });
    expect(ok(messages).items.map((m) => m.body)).toEqual(['Which module version?', 'Version 1.0.1.']);

    const renewed = await asReviewer.POST('/v1/exception-requests/{id}/claim/renew', { params: { path: { id: requestId } } });
    expect(ok(renewed).status).toBe('in_review');

    const decided = await asReviewer.POST('/v1/exception-requests/{id}/decision', {
      params: { path: { id: requestId } },
      body: {
        outcome: 'approved',
        reason: 'Known issue 6',
        grant: { userIds: [userId], surfaces: ['delegated_admin'], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() },
      },
    });
    expect(ok(decided).status).toBe('approved');
    const grantId = ok(decided).grantId;
    if (!grantId) throw new Error('an approval answers its grant id');

    const grants = await asPartner.GET('/v1/exception-grants', {});
    expect(ok(grants).items.map((g) => g.id)).toEqual([grantId]);
    const events = await asPartner.GET('/v1/exception-requests/{id}/events', { params: { path: { id: requestId } } });
    expect(ok(events).items.map((e) => e.type)).toContain('grant.created');

    const exempt = await asEnforcement.POST('/v1/enforcement/evaluate', {
      body: { surface: 'delegated_admin', claims: { tid: partner.tenantId, oid: userId, amr: ['pwd'] } },
    });
    expect(ok(exempt).decision).toBe('exempt');
    const status = await asEnforcement.GET('/v1/enforcement/status', {
      params: { query: { tenantId: partner.tenantId, userId, surface: 'delegated_admin' } },
    });
    expect(ok(status).exempt).toBe(true);
    const changes = await asEnforcement.GET('/v1/enforcement/grants/changes', {});
    expect(ok(changes).snapshot?.grants.map((g) => g.grantId)).toContain(grantId);

    const revoked = await asReviewer.POST('/v1/exception-grants/{id}/revoke', {
      params: { path: { id: grantId } },
      body: { reason: 'ended' },
    });
    expect(ok(revoked).status).toBe('revoked');
    const required = await asEnforcement.POST('/v1/enforcement/evaluate', {
      body: { surface: 'delegated_admin', claims: { tid: partner.tenantId, oid: userId, amr: ['pwd'] } },
    });
    expect(ok(required).decision).toBe('mfa_required');
    expect(ok(required).challenge?.wwwAuthenticate).toBe('Bearer error="invalid_token"');

    // Errors fit the problem schema too.
    const again = await asReviewer.POST('/v1/exception-grants/{id}/revoke', {
      params: { path: { id: grantId } },
      body: { reason: 'twice' },
    });
    expect(again.error?.code).toBe('grant.not_active');
    const me = await asReviewer.GET('/v1/me', {});
    expect(ok(me).kind).toBe('reviewer');
    const notifications = await asPartner.GET('/v1/notifications', {});
    expect(notifications.response.status).toBe(200);

    expect(validator.failures).toEqual([]);
    expect(validator.checked.length).toBeGreaterThanOrEqual(19);
  });

  it("runs the README's typed-client example as printed (examples/typed-client.ts)", async () => {
    const partner = await partnerTenant(t.tokens);
    const userId = randomUUID();
    const filed = await fileRequest(t.baseUrl, partner.adminAgent, userId);
    expect(filed).toMatchObject({
      tenantId: partner.tenantId,
      affectedUserIds: [userId],
      status: 'submitted',
      classification: { knownIssue: 6 },
    });
    expect(filed.allowedActions).toEqual(['withdraw', 'message']);
    await expect(fileRequest(t.baseUrl, partner.adminAgent, 'not-a-uuid')).rejects.toThrow(/^validation\.failed: /);
  });

  it('offers example bodies the service accepts: file the filing example, then decide it with the decision example', async () => {
    const schemas = document.components.schemas;
    // A body from the examples /docs shows: each property's example, and required objects built the same way.
    const exampleOf = (name: string): Record<string, unknown> => {
      const schema = schemas[name] as {
        properties: Record<string, { example?: unknown; $ref?: string; allOf?: { $ref: string }[] }>;
        required?: string[];
      };
      return Object.fromEntries(
        Object.entries(schema.properties)
          .map(([key, property]) => {
            const ref = property.$ref ?? property.allOf?.[0]?.$ref;
            const nested = ref && schema.required?.includes(key) ? exampleOf(ref.split('/').at(-1)!) : undefined;
            return [key, property.example ?? nested];
          })
          .filter(([, value]) => value !== undefined),
      );
    };
    const partner = await partnerTenant(t.tokens);
    const filed = await t.http.post('/v1/exception-requests', exampleOf('FileRequestDto'), { token: partner.adminAgent });
    expect(filed.status, filed.text).toBe(201);
    const reviewer = await t.tokens.mint({ role: ROLE.reviewer });
    expect((await t.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer })).status).toBe(200);
    const info = await t.http.post(`/v1/exception-requests/${filed.body.id}/messages`, exampleOf('PostMessageDto'), { token: reviewer });
    expect(info.status, info.text).toBe(201);
    const decision = exampleOf('DecisionDto');
    const decided = await t.http.post(`/v1/exception-requests/${filed.body.id}/decision`, decision, { token: reviewer });
    expect(decided.status, decided.text).toBe(200);
    const enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true });
    const evaluated = await t.http.post('/v1/enforcement/evaluate', exampleOf('EvaluateDto'), { token: enforcement });
    expect(evaluated.status, evaluated.text).toBe(200);
  });
});
