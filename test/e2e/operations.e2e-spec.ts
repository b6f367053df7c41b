import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('operations: health, API documents, headers, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness without a token', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('is ready when PostgreSQL and Redis answer, and says so for each', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('publishes an OpenAPI 3 document naming the contract paths', async () => {
    const res = await t.http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/exception-requests',
        '/v1/exception-requests/{id}',
        '/v1/exception-requests/{id}/withdraw',
        '/v1/exception-requests/{id}/messages',
        '/v1/exception-requests/{id}/events',
        '/v1/known-issues',
        '/health/live',
        '/health/ready',
      ]),
    );
    expect(res.body.components.schemas.FileRequestDto.required).toEqual(
      expect.arrayContaining(['title', 'description', 'affectedUserIds', 'surfaces', 'contact']),
    );
  });

  it('serves the interactive documentation page', async () => {
    const res = await t.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('swagger');
  });

  it('sets security headers on API answers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('allows the support UI origin by CORS, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/v1/exception-requests`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('https://support.partner-portal.test');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://support.partner-portal.test');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps a sane caller request id, makes one otherwise, and puts it in problem answers', async () => {
    const given = await t.http.get('/v1/known-issues', { headers: { 'x-request-id': 'support-ui-1234' } });
    expect(given.headers.get('x-request-id')).toBe('support-ui-1234');
    expect(given.body.requestId).toBe('support-ui-1234');
    const made = await t.http.get('/v1/known-issues', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers.get('x-request-id'));
  });

  it('answers unknown paths with 404 problem+json', async () => {
    const res = await t.http.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: expect.stringContaining('route.not_found'),
      code: 'route.not_found',
      title: 'Not Found',
      status: 404,
      detail: expect.any(String),
    });
  });
});
