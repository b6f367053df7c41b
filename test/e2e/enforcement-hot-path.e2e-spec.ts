import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problems.js';
import { LogLines, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';

// POST /v1/enforcement/evaluate is answered in front of Fastify when its body comes with a length
// (the usual case) and by Fastify and Nest otherwise (a chunked body). Both must answer the same:
// the same status, problem and headers, for good and bad input alike. The access log tells the two
// apart: the hot path writes no line per call.

const EVALUATE = '/v1/enforcement/evaluate';

describe('the enforcement hot path answers as the rest of the service does', () => {
  const logs = new LogLines();
  let t: TestApp;
  let enforcement: string;
  let tenantId: string;

  /** The same body, sent with a Content-Length (hot path) or chunked (Fastify). */
  const post = async (body: string, options: { chunked: boolean; token?: string | null; contentType?: string }) => {
    const requestId = `hot-${randomUUID()}`;
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', 'x-request-id': requestId };
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? enforcement}`;
    const payload = options.chunked
      ? new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(body));
            controller.close();
          },
        })
      : body;
    const res = await fetch(`${t.baseUrl}${EVALUATE}`, { method: 'POST', headers, body: payload, duplex: 'half' });
    const text = await res.text();
    const logged = logs.lines.some((line) => (line.req as { id?: string } | undefined)?.id === requestId);
    return { status: res.status, text, requestId, logged, headers: res.headers };
  };
  const comparable = (text: string, requestId: string) => text.replace(requestId, '<id>');

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', LOG_LEVEL: 'info' }, undefined, { logs });
    enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true });
    tenantId = (await partnerTenant(t.tokens)).tenantId;
  });
  afterAll(() => t?.close());

  const cases: [string, string, { token?: string | null; contentType?: string }?][] = [
    ['a decision', JSON.stringify({ surface: 'delegated_admin', claims: { tid: '', oid: randomUUID(), amr: ['pwd'] } })],
    [
      'a step-up challenge',
      JSON.stringify({ surface: 'delegated_admin', claims: { oid: randomUUID(), amr: ['pwd'] }, challengeStyle: 'rfc9470' }),
    ],
    ['an unknown field', JSON.stringify({ surface: 'delegated_admin', claims: {}, extra: 1 })],
    ['claims that are not an object', JSON.stringify({ surface: 'delegated_admin', claims: 'tid=1' })],
    ['an unknown challenge style', JSON.stringify({ surface: 'delegated_admin', claims: {}, challengeStyle: 'loud' })],
    ['an unknown surface', JSON.stringify({ surface: 'mail', claims: {} })],
    ['malformed claims', JSON.stringify({ surface: 'delegated_admin', claims: { tid: 'x', amr: 'pwd' } })],
    ['a body that is not JSON', '{"surface": '],
    ['a body nested too deep', `${'['.repeat(40)}${']'.repeat(40)}`],
    ['an array', '[]'],
    ['no token', JSON.stringify({ surface: 'delegated_admin', claims: {} }), { token: null }],
    ['a partner token', JSON.stringify({ surface: 'delegated_admin', claims: {} }), { token: 'PARTNER' }],
  ];

  it.each(cases)('%s', async (_name, rawBody, options = {}) => {
    const body = rawBody.replace('"tid":""', `"tid":"${tenantId}"`);
    const token = options.token === 'PARTNER' ? (await partnerTenant(t.tokens)).globalAdmin : options.token;
    const hot = await post(body, { chunked: false, ...options, token });
    const routed = await post(body, { chunked: true, ...options, token });
    expect(hot.logged, 'the hot path writes no access line').toBe(false);
    expect(routed.logged, 'Fastify writes its access line').toBe(true);
    expect(hot.status).toBe(routed.status);
    expect(comparable(hot.text, hot.requestId)).toBe(comparable(routed.text, routed.requestId));
    for (const header of ['content-type', 'www-authenticate', 'x-content-type-options', 'retry-after']) {
      expect(hot.headers.get(header), header).toBe(routed.headers.get(header));
    }
    expect(hot.headers.get('x-request-id')).toBe(hot.requestId);
  });

  it('answers an empty body as the pipe does: 400 naming the missing fields', async () => {
    const res = await t.http.post(EVALUATE, undefined, { token: enforcement, headers: { 'content-type': 'application/json' } });
    expectProblem(res, 400, ['surface', 'claims']);
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413 before reading it, as Fastify does', async () => {
    const big = JSON.stringify({ surface: 'delegated_admin', claims: { pad: 'x'.repeat(200_000) } });
    const hot = await post(big, { chunked: false });
    const routed = await post(big, { chunked: true });
    expect(hot.status).toBe(413);
    expect(routed.status).toBe(413);
    expect(JSON.parse(hot.text)).toMatchObject({ status: 413, code: JSON.parse(routed.text).code });
  });

  it('leaves other content types to Fastify (415, logged)', async () => {
    const res = await post('surface=delegated_admin', { chunked: false, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.logged).toBe(true);
  });
});
