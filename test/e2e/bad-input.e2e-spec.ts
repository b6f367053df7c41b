import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../src/requests/dto/file-request.dto.js';
import { MESSAGE_MAX } from '../../src/review/dto/conversation.dto.js';
import { buildRequestBody, tenantRowCounts } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';
import { expectProblem } from '../support/problems.js';

const FILE = '/v1/exception-requests';
const THIRD_PARTY = { provider: 'Duo Security', integrationMethod: 'custom_controls', providerConfirmedClaimCannotFlow: true };

/** A copy of `body` with the value at a dotted path removed (`contact.email`) or replaced. */
function edit(body: Record<string, unknown>, path: string, value?: unknown, remove = false): Record<string, unknown> {
  const copy = structuredClone(body);
  const parts = path.split('.');
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}
const withField = (path: string, value: unknown) => edit(buildRequestBody({ thirdPartyMfa: { ...THIRD_PARTY } }), path, value);
const withoutField = (path: string) => edit(buildRequestBody({ thirdPartyMfa: { ...THIRD_PARTY } }), path, undefined, true);

describe('bad input is refused with problem details, and nothing is stored', () => {
  let t: TestApp;
  let partner: Awaited<ReturnType<typeof partnerTenant>>;
  let reviewer: string;
  /** A request of `partner`'s, with a message, so that the row counts checked are not all zero. */
  let existingId: string;

  /** Runs `act` and checks that the partner tenant's rows are the same afterwards. */
  async function unchanged<T>(act: () => Promise<T>): Promise<T> {
    const before = await tenantRowCounts(t.db, partner.tenantId);
    const result = await act();
    expect(await tenantRowCounts(t.db, partner.tenantId)).toEqual(before);
    return result;
  }

  beforeAll(async () => {
    t = await startTestApp();
    partner = await partnerTenant(t.tokens);
    reviewer = await t.tokens.mint({ role: ROLE.reviewer });
    const filed = await t.http.post(FILE, buildRequestBody(), { token: partner.adminAgent });
    expect(filed.status).toBe(201);
    existingId = filed.body.id;
    const message = await t.http.post(`${FILE}/${existingId}/messages`, { body: 'first message' }, { token: partner.adminAgent });
    expect(message.status).toBe(201);
    const counts = await tenantRowCounts(t.db, partner.tenantId);
    expect(counts.exception_requests).toBe(1);
    expect(counts.request_messages).toBe(1);
  });
  afterAll(() => t?.close());

  describe('POST /v1/exception-requests: bodies that are not a JSON object', () => {
    it.each([
      ['malformed JSON', '{"title": "x",', 'application/json'],
      ['JSON with a trailing comma', '{"title": "x",}', 'application/json'],
      [
        'a prototype-poisoning __proto__ key',
        JSON.stringify({ ...buildRequestBody() }).replace(/^\{/, '{"__proto__":{"admin":true},'),
        'application/json',
      ],
    ])('%s -> 400', async (_, raw, contentType) => {
      const res = await unchanged(() =>
        t.http.post(FILE, undefined, { token: partner.adminAgent, raw, headers: { 'content-type': contentType } }),
      );
      expectProblem(res, 400);
    });

    it.each([
      ['a JSON array', JSON.stringify([buildRequestBody()])],
      ['a JSON string', JSON.stringify('hello')],
      ['a JSON number', '42'],
      ['a JSON boolean', 'true'],
    ])('%s as the body -> 400 naming (body)', async (_, raw) => {
      const res = await unchanged(() => t.http.post(FILE, undefined, { token: partner.adminAgent, raw }));
      expectProblem(res, 400, ['(body)']);
    });

    it.each([
      ['an empty body with a JSON content type', { raw: '', headers: { 'content-type': 'application/json' } }],
      ['no body and no content type', {}],
      ['JSON null', { raw: 'null' }],
    ])('%s -> 400 naming the required fields', async (_, options) => {
      const res = await unchanged(() => t.http.post(FILE, undefined, { token: partner.adminAgent, ...options }));
      expectProblem(res, 400, ['title', 'description', 'affectedUserIds', 'surfaces', 'contact']);
    });

    it('refuses a valid body sent as text/plain (4xx problem+json)', async () => {
      const res = await unchanged(() =>
        t.http.post(FILE, undefined, {
          token: partner.adminAgent,
          raw: JSON.stringify(buildRequestBody()),
          headers: { 'content-type': 'text/plain' },
        }),
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectProblem(res, res.status);
    });

    it('refuses a body in an unsupported media type (application/xml)', async () => {
      const res = await unchanged(() =>
        t.http.post(FILE, undefined, { token: partner.adminAgent, raw: '<request/>', headers: { 'content-type': 'application/xml' } }),
      );
      expect([400, 415]).toContain(res.status);
      expectProblem(res, res.status);
    });

    it('answers a body over the 100 KiB limit with 413 problem+json', async () => {
      expect(t.config.bodyLimitBytes).toBe(102_400);
      const raw = JSON.stringify(buildRequestBody({ description: 'x'.repeat(102_400) }));
      const res = await unchanged(() => t.http.post(FILE, undefined, { token: partner.adminAgent, raw }));
      expectProblem(res, 413);
    });
  });

  describe('POST /v1/exception-requests: wrong shape -> 400 naming the field', () => {
    it.each([
      ['an unknown top-level field', buildRequestBody({ priority: 'high' }), 'priority'],
      ['an unknown field in contact', withField('contact.fax', '+81 3-0000-0000'), 'contact.fax'],
      ['an unknown field in thirdPartyMfa', withField('thirdPartyMfa.apiKey', 'secret'), 'thirdPartyMfa.apiKey'],
      ['title a number', buildRequestBody({ title: 42 }), 'title'],
      ['description an object', buildRequestBody({ description: { text: 'x' } }), 'description'],
      ['surfaces a string', buildRequestBody({ surfaces: 'delegated_admin' }), 'surfaces'],
      ['surfaces of numbers', buildRequestBody({ surfaces: [1, 2] }), 'surfaces'],
      ['affectedUserIds holding null', buildRequestBody({ affectedUserIds: [null] }), 'affectedUserIds'],
      ['affectedUserIds a string', buildRequestBody({ affectedUserIds: randomUUID() }), 'affectedUserIds'],
      ['contact a string', buildRequestBody({ contact: 'aiko.tanaka@partner.example' }), 'contact'],
      ['contact an array', buildRequestBody({ contact: [] }), 'contact'],
      ['contact.email a number', withField('contact.email', 12345), 'contact.email'],
      ['thirdPartyMfa a string', buildRequestBody({ thirdPartyMfa: 'Duo' }), 'thirdPartyMfa'],
      [
        'providerConfirmedClaimCannotFlow "yes"',
        withField('thirdPartyMfa.providerConfirmedClaimCannotFlow', 'yes'),
        'thirdPartyMfa.providerConfirmedClaimCannotFlow',
      ],
      ['integrationMethod a boolean', withField('thirdPartyMfa.integrationMethod', true), 'thirdPartyMfa.integrationMethod'],
      ['topic a number', buildRequestBody({ topic: 1 }), 'topic'],
    ])('%s', async (_, body, field) => {
      const res = await unchanged(() => t.http.post(FILE, body, { token: partner.adminAgent }));
      expectProblem(res, 400, [field]);
    });

    it.each([
      'title',
      'description',
      'affectedUserIds',
      'surfaces',
      'contact',
      'contact.name',
      'contact.email',
      'thirdPartyMfa.provider',
      'thirdPartyMfa.integrationMethod',
      'thirdPartyMfa.providerConfirmedClaimCannotFlow',
    ])('missing %s', async (field) => {
      const res = await unchanged(() => t.http.post(FILE, withoutField(field), { token: partner.adminAgent }));
      expectProblem(res, 400, [field]);
    });
  });

  describe('POST /v1/exception-requests: well-formed but not allowed -> 422 naming the field', () => {
    const upper = randomUUID().toUpperCase();
    it.each([
      ['an empty title', buildRequestBody({ title: '' }), 'title'],
      ['a whitespace-only title', buildRequestBody({ title: ' \t\n ' }), 'title'],
      ['a title of ideographic spaces only', buildRequestBody({ title: '\u3000\u3000' }), 'title'],
      ['an empty description', buildRequestBody({ description: '' }), 'description'],
      ['a whitespace-only description', buildRequestBody({ description: '   \n\n  ' }), 'description'],
      [`a title of ${TITLE_MAX + 1} characters`, buildRequestBody({ title: 't'.repeat(TITLE_MAX + 1) }), 'title'],
      [
        `a description of ${DESCRIPTION_MAX + 1} characters`,
        buildRequestBody({ description: 'd'.repeat(DESCRIPTION_MAX + 1) }),
        'description',
      ],
      ['a bad email', withField('contact.email', 'aiko.tanaka-at-partner.example'), 'contact.email'],
      ['an email without a domain', withField('contact.email', 'aiko@'), 'contact.email'],
      ['a bad phone', withField('contact.phone', 'call me maybe'), 'contact.phone'],
      ['a phone with letters', withField('contact.phone', '+81 3-CALL-NOW'), 'contact.phone'],
      ['a blank contact name', withField('contact.name', '   '), 'contact.name'],
      ['a non-UUID in affectedUserIds', buildRequestBody({ affectedUserIds: [randomUUID(), 'not-a-uuid'] }), 'affectedUserIds'],
      ['duplicate affectedUserIds', buildRequestBody({ affectedUserIds: [upper, upper] }), 'affectedUserIds'],
      [
        'affectedUserIds repeating an id in another case',
        buildRequestBody({ affectedUserIds: [upper, upper.toLowerCase()] }),
        'affectedUserIds',
      ],
      ['empty affectedUserIds', buildRequestBody({ affectedUserIds: [] }), 'affectedUserIds'],
      ['empty surfaces', buildRequestBody({ surfaces: [] }), 'surfaces'],
      ['an unknown surface', buildRequestBody({ surfaces: ['azure_portal'] }), 'surfaces'],
      ['duplicate surfaces', buildRequestBody({ surfaces: ['delegated_admin', 'delegated_admin'] }), 'surfaces'],
      ['a wrong topic', buildRequestBody({ topic: 'Billing' }), 'topic'],
      ['a wrong issueType', buildRequestBody({ issueType: 'Report a bug' }), 'issueType'],
      ['an integrationMethod not allowed', withField('thirdPartyMfa.integrationMethod', 'sms_otp'), 'thirdPartyMfa.integrationMethod'],
      ['a blank thirdPartyMfa provider', withField('thirdPartyMfa.provider', ' '), 'thirdPartyMfa.provider'],
    ])('%s', async (_, body, field) => {
      const res = await unchanged(() => t.http.post(FILE, body, { token: partner.adminAgent }));
      expectProblem(res, 422, [field]);
    });

    it('refuses more than 500 affected users', async () => {
      const body = buildRequestBody({ affectedUserIds: Array.from({ length: 501 }, () => randomUUID()) });
      const res = await unchanged(() => t.http.post(FILE, body, { token: partner.adminAgent }));
      expectProblem(res, 422, ['affectedUserIds']);
    });

    it('reports a shape problem as 400 even when another field is merely not allowed', async () => {
      const res = await unchanged(() =>
        t.http.post(FILE, buildRequestBody({ title: 7, surfaces: ['azure_portal'] }), { token: partner.adminAgent }),
      );
      expectProblem(res, 400, ['title']);
    });
  });

  describe('POST /v1/exception-requests: what is allowed', () => {
    it(`accepts a title of exactly ${TITLE_MAX} and a description of exactly ${DESCRIPTION_MAX} characters`, async () => {
      const title = 't'.repeat(TITLE_MAX);
      const description = 'd'.repeat(DESCRIPTION_MAX);
      const res = await t.http.post(FILE, buildRequestBody({ title, description }), { token: partner.adminAgent });
      expect(res.status).toBe(201);
      expect(res.body.title).toBe(title);
      expect(res.body.description).toBe(description);
    });

    it('trims surrounding white space, so a padded at-limit title fits', async () => {
      const title = 't'.repeat(TITLE_MAX);
      const res = await t.http.post(FILE, buildRequestBody({ title: `  ${title}  ` }), { token: partner.adminAgent });
      expect(res.status).toBe(201);
      expect(res.body.title).toBe(title);
    });

    it('accepts Japanese text and stores it unchanged', async () => {
      const body = buildRequestBody({
        title: 'Exchange Online PowerShell で多要素認証を完了できません',
        description:
          '当社の管理エージェントは委任管理者特権で顧客のメールボックスを管理していますが、モジュールが MFA に対応していません。🙏',
        contact: { name: '田中 愛子', email: 'aiko.tanaka@partner.example' },
      });
      const res = await t.http.post(FILE, body, { token: partner.adminAgent });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: body.title, description: body.description, contact: body.contact });
      const [row] = await t.db.query('SELECT title, description FROM exception_requests WHERE id = $1', [res.body.id]);
      expect(row).toEqual({ title: body.title, description: body.description });
    });

    it(`counts characters, not bytes: ${TITLE_MAX} Japanese characters fit in a title`, async () => {
      const title = '多'.repeat(TITLE_MAX);
      const res = await t.http.post(FILE, buildRequestBody({ title }), { token: partner.adminAgent });
      expect(res.status).toBe(201);
      expect(res.body.title).toBe(title);
    });
  });

  describe('inputs that once reached the database or threw (regressions)', () => {
    // @ArrayUnique's selector runs even on elements that are not strings.
    const nonStringIds: [string, unknown[]][] = [
      ['numbers', [1, 2]],
      ['a UUID and a number', [randomUUID(), 7]],
    ];
    it.each(nonStringIds)('affectedUserIds of %s -> 400 naming affectedUserIds', async (_, ids) => {
      const res = await t.http.post(FILE, buildRequestBody({ affectedUserIds: ids }), { token: partner.adminAgent });
      expectProblem(res, 400, ['affectedUserIds']);
    });

    // PostgreSQL text and jsonb cannot hold U+0000: refused as bad input before any INSERT.
    const nulTexts: [string, Record<string, unknown>][] = [
      ['title', buildRequestBody({ title: 'PowerShell\u0000 fails' })],
      ['contact.name', buildRequestBody({ contact: { name: 'Aiko\u0000', email: 'aiko.tanaka@partner.example' } })],
    ];
    it.each(nulTexts)('a NUL character in %s is refused as bad input (422), not a 500', async (field, body) => {
      const res = await t.http.post(FILE, body, { token: partner.adminAgent });
      expectProblem(res, 422, [field]);
    });

    // Half of a surrogate pair is not text; jsonb refuses it.
    it.each([
      ['title', buildRequestBody({ title: 'PowerShell \ud800 fails' })],
      ['contact.name', buildRequestBody({ contact: { name: 'Aiko\udc00', email: 'aiko.tanaka@partner.example' } })],
      ['contact.email', buildRequestBody({ contact: { name: 'Aiko', email: 'aiko\ud800@partner.example' } })],
    ])('an unpaired surrogate in %s is refused (422) and stores nothing', async (field, body) => {
      const res = await unchanged(() => t.http.post(FILE, body, { token: partner.adminAgent }));
      expectProblem(res, 422, [field]);
    });

    it.each([
      ['zero-width spaces', '\u200b\u200b\u200b'],
      ['a byte-order mark and a word joiner', '\ufeff\u2060'],
      ['Hangul fillers', '\u3164\u115f'],
      ['bidi marks and spaces', '\u200e \u200f'],
    ])('a title of %s is blank (422 naming title), not accepted', async (_name, title) => {
      const res = await unchanged(() => t.http.post(FILE, buildRequestBody({ title }), { token: partner.adminAgent }));
      expectProblem(res, 422, ['title']);
    });

    it.each([
      ['an ISO week date', '2026-W48-1'],
      ['an ordinal date', '2026-332'],
      ['a week date with a time', '2026-W48-1T09:00:00Z'],
      ['a date-time without a zone', '2026-11-24T09:00:00'],
      ['30 February', '2026-02-30T00:00:00Z'],
    ])('%s in expiringBefore, from or to is 400 naming the parameter, not a 500', async (_name, value) => {
      for (const [path, field] of [
        [`/v1/exception-grants?expiringBefore=${encodeURIComponent(value)}`, 'expiringBefore'],
        [`/v1/reports/classification?from=${encodeURIComponent(value)}`, 'from'],
        [`/v1/reports/classification?to=${encodeURIComponent(value)}`, 'to'],
      ] as const) {
        expectProblem(await t.http.get(path, { token: reviewer }), 400, [field]);
      }
    });

    it('still accepts date-times with a zone in expiringBefore, from and to', async () => {
      for (const value of ['2026-11-24T09:00:00Z', '2026-11-24T18:00:00.123+09:00', '2026-11-24T09:00Z', '2026-11-24']) {
        expect((await t.http.get(`/v1/exception-grants?expiringBefore=${encodeURIComponent(value)}`, { token: reviewer })).status).toBe(
          200,
        );
        expect(
          (
            await t.http.get(`/v1/reports/classification?from=${encodeURIComponent(value)}&to=${encodeURIComponent(value)}`, {
              token: reviewer,
            })
          ).status,
        ).toBe(200);
      }
    });

    it('refuses cursors whose values PostgreSQL would reject: 30 February, year 0, a sequence past bigint', async () => {
      const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const uuid = randomUUID();
      for (const [path, cursor] of [
        [FILE, forged(['requests.newest', '2026-02-30T00:00:00.000Z', uuid])],
        [FILE, forged(['requests.newest', '0000-01-01T00:00:00.000Z', uuid])],
        [`${FILE}/${existingId}/events`, forged(['events', '9999999999999999999'])],
      ] as const) {
        const res = await t.http.get(`${path}?cursor=${cursor}`, { token: partner.adminAgent });
        expectProblem(res, 400, ['cursor']);
      }
    });

    // A tampered cursor must not reach the SQL comparison.
    it('a cursor that decodes but carries values of the wrong kind -> 400 naming cursor', async () => {
      const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const cases = [
        [partner.adminAgent, forged(['requests.newest', 'not-a-time', 'not-a-uuid'])],
        [reviewer, forged(['requests.due', 'not-a-time', 'not-a-time', 'not-a-uuid'])],
      ] as const;
      for (const [token, cursor] of cases) {
        const res = await t.http.get(`${FILE}?cursor=${cursor}`, { token });
        expectProblem(res, 400, ['cursor']);
      }
    });

    // What holds even so: these answers are problem+json, leak nothing and store nothing.
    it.each([
      ['affectedUserIds of numbers', buildRequestBody({ affectedUserIds: [1, 2] })],
      ['a NUL character in title', buildRequestBody({ title: 'PowerShell\u0000 fails' })],
      ['a NUL character in contact.name', buildRequestBody({ contact: { name: 'Aiko\u0000', email: 'aiko.tanaka@partner.example' } })],
    ])('%s: problem+json without internals, and no row of any kind', async (_, body) => {
      const res = await unchanged(() => t.http.post(FILE, body, { token: partner.adminAgent }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectProblem(res, res.status);
      expect(res.text).not.toMatch(/toLowerCase|TypeError|invalid byte sequence|0x00|unsupported Unicode/);
    });
  });

  describe('path parameters', () => {
    it.each([
      ['GET', '/v1/exception-requests/{id}', undefined],
      ['GET', '/v1/exception-requests/{id}/messages', undefined],
      ['GET', '/v1/exception-requests/{id}/events', undefined],
      ['POST', '/v1/exception-requests/{id}/messages', { body: 'hello' }],
      ['POST', '/v1/exception-requests/{id}/withdraw', {}],
    ])('%s %s with a non-UUID id -> 400 naming id', async (method, template, body) => {
      for (const id of ['not-a-uuid', '12345', `${randomUUID()}x`]) {
        const res = await unchanged(() => t.http.send(method, template.replace('{id}', id), body, { token: partner.adminAgent }));
        expectProblem(res, 400, ['id']);
      }
    });
  });

  describe('GET /v1/exception-requests: bad list queries -> 400 naming the parameter', () => {
    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['cursor=garbage', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['messages', '2026-01-01T00:00:00.000Z', randomUUID()])).toString('base64url')}`, 'cursor'],
      ['knownIssue=9', 'knownIssue'],
      ['knownIssue=0', 'knownIssue'],
      ['slaState=unknown', 'slaState'],
      ['slaState=on_track,late', 'slaState'],
      ['status=lost', 'status'],
      ['tenantId=not-a-uuid', 'tenantId'],
      ['sort=title', 'sort'],
    ])('?%s', async (query, field) => {
      for (const token of [partner.adminAgent, reviewer]) {
        const res = await t.http.get(`${FILE}?${query}`, { token });
        expectProblem(res, 400, [field]);
      }
    });

    it('still answers a good query (the 400s above are about the values)', async () => {
      const res = await t.http.get(`${FILE}?limit=200&knownIssue=6&slaState=on_track&tenantId=${partner.tenantId}`, {
        token: partner.adminAgent,
      });
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { id: string }) => r.id)).toContain(existingId);
    });

    it.each(['limit=0', 'limit=201', 'limit=abc', 'cursor=garbage'])('GET .../messages?%s -> 400', async (query) => {
      const res = await t.http.get(`${FILE}/${existingId}/messages?${query}`, { token: partner.adminAgent });
      expectProblem(res, 400, [query.split('=')[0]]);
    });
  });

  describe('POST /v1/exception-requests/{id}/messages', () => {
    it.each([
      ['an empty body', '', 422],
      ['a blank body', ' \n\t ', 422],
      [`a body of ${MESSAGE_MAX + 1} characters`, 'm'.repeat(MESSAGE_MAX + 1), 422],
      ['a body that is a number', 42, 400],
      ['a body that is null', null, 400],
    ])('%s -> refused, no message row', async (_, text, status) => {
      const res = await unchanged(() => t.http.post(`${FILE}/${existingId}/messages`, { body: text }, { token: partner.adminAgent }));
      expectProblem(res, status, ['body']);
    });

    it.each([
      ['the body field missing', {}, ['body']],
      ['an unknown field', { body: 'hello', attachments: [] }, ['attachments']],
    ])('%s -> 400, no message row', async (_, payload, fields) => {
      const res = await unchanged(() => t.http.post(`${FILE}/${existingId}/messages`, payload, { token: partner.adminAgent }));
      expectProblem(res, 400, fields);
    });

    it.each([
      ['no body at all', { raw: '', headers: { 'content-type': 'application/json' } }, ['body']],
      ['malformed JSON', { raw: '{"body": ' }, []],
      ['a JSON array', { raw: '["hello"]' }, ['(body)']],
      ['a JSON string', { raw: '"hello"' }, ['(body)']],
    ])('%s -> 400, no message row', async (_, options, fields) => {
      const res = await unchanged(() =>
        t.http.post(`${FILE}/${existingId}/messages`, undefined, { token: partner.adminAgent, ...options }),
      );
      expectProblem(res, 400, fields);
    });

    it('refuses a reviewer message the same way', async () => {
      const res = await unchanged(() => t.http.post(`${FILE}/${existingId}/messages`, { body: '' }, { token: reviewer }));
      expectProblem(res, 422, ['body']);
    });

    it(`accepts a message of exactly ${MESSAGE_MAX} characters, trimmed`, async () => {
      const text = 'm'.repeat(MESSAGE_MAX);
      const res = await t.http.post(`${FILE}/${existingId}/messages`, { body: ` ${text} ` }, { token: partner.adminAgent });
      expect(res.status).toBe(201);
      expect(res.body.body).toBe(text);
    });
  });

  describe('POST /v1/exception-requests/{id}/withdraw', () => {
    async function expectStillSubmitted(id: string): Promise<void> {
      const [row] = await t.db.query('SELECT status FROM exception_requests WHERE id = $1', [id]);
      expect(row.status).toBe('submitted');
    }

    it.each([
      ['an unknown field', { reason: 'done', force: true }, 400, 'force'],
      ['a reason that is a number', { reason: 5 }, 400, 'reason'],
      ['a reason over 2000 characters', { reason: 'r'.repeat(2001) }, 422, 'reason'],
    ])('%s -> refused, still submitted, no audit row', async (_, body, status, field) => {
      const res = await unchanged(() => t.http.post(`${FILE}/${existingId}/withdraw`, body, { token: partner.adminAgent }));
      expectProblem(res, status, [field]);
      await expectStillSubmitted(existingId);
    });

    it.each([
      ['malformed JSON', '{"reason": "x"', []],
      ['a JSON array', '[]', ['(body)']],
    ])('%s -> 400, still submitted', async (_, raw, fields) => {
      const res = await unchanged(() => t.http.post(`${FILE}/${existingId}/withdraw`, undefined, { token: partner.adminAgent, raw }));
      expectProblem(res, 400, fields);
      await expectStillSubmitted(existingId);
    });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    for (const [method, path] of [
      ['GET', '/v1/no-such-thing'],
      ['POST', '/v1/exception-requests/precheck-typo'],
      ['GET', '/nowhere'],
    ]) {
      const res = await t.http.send(method, path, method === 'POST' ? {} : undefined, { token: partner.adminAgent });
      expectProblem(res, 404);
    }
  });
});
