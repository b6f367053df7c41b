import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDistDir } from '../../src/console/console-server.js';
import { HttpClient } from '../support/http.js';
import { startConsoleService } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// GET /console/: the built console, its caching and security policy, its runtime settings, and the
// development sign-in that exists only on the development key set outside production.

const DIST = consoleDistDir();
const AUTHORITY = 'https://login.partner-idp.test/tenant-x/v2.0';

function builtAssets(): string[] {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`the console is not built at ${DIST}: run npm run build (npm test does)`);
  return readdirSync(join(DIST, 'assets'));
}

describe('serving the console', () => {
  let app: TestApp;

  beforeAll(async () => {
    builtAssets();
    app = await startTestApp({ CONSOLE_OIDC_AUTHORITY: AUTHORITY, CONSOLE_OIDC_CLIENT_ID: 'console-client' });
  });
  afterAll(() => app?.close());

  it('serves index.html at /console/ uncached, with a policy allowing only its own assets and the OIDC authority', async () => {
    const page = await app.http.get('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.text).toContain('<div id="root"></div>');
    const csp = page.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self' https://login.partner-idp.test",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // The page has no inline script for the policy to block: every script is a file of the build.
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const bare = await fetch(`${app.baseUrl}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('answers client routes with the page, so a reload or a shared link works', async () => {
    for (const path of [
      '/console/requests/new',
      '/console/review/3d9a6c1e-5b7f-4a2d-8c3e-1f0a9b8c7d6e',
      '/console/callback?code=x&state=y',
    ]) {
      const page = await app.http.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await app.http.get('/console/assets/missing-0000.js')).status).toBe(404);
    expect((await app.http.get('/console/nothing.js')).status).toBe(404);
  });

  it('caches the hashed assets for a year as immutable', async () => {
    const index = (await app.http.get('/console/')).text;
    const referenced = [...index.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(referenced.length).toBeGreaterThanOrEqual(2); // the script and the stylesheet
    for (const asset of referenced) {
      const answer = await app.http.get(`/console/${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const icon = await app.http.get('/console/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('tells the browser how to sign in: the OIDC authority and client, no development sign-in here', async () => {
    const settings = await app.http.get('/console/config.json');
    expect(settings.status).toBe(200);
    expect(settings.headers.get('cache-control')).toBe('no-store');
    expect(settings.body).toEqual({
      oidc: { authority: AUTHORITY, clientId: 'console-client', scope: 'openid profile' },
      devSignIn: null,
      grantMaxDays: 180,
      claimTtlSeconds: 1800,
    });
  });

  it('has no development sign-in when the service trusts a configured key set', async () => {
    const answer = await app.http.post('/console/dev-sign-in', { role: 'Exceptions.Reviewer' });
    expect(answer.status).toBe(404);
  });

  it('keeps the whole script of the console under 1 MB', () => {
    const bytes = builtAssets()
      .filter((file) => file.endsWith('.js'))
      .reduce((sum, file) => sum + statSync(join(DIST, 'assets', file)).size, 0);
    expect(bytes).toBeGreaterThan(50_000); // it is the real build
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});

describe('the development sign-in', () => {
  it('does not exist with NODE_ENV=production', async () => {
    const app = await startTestApp({ NODE_ENV: 'production' });
    try {
      const answer = await app.http.post('/console/dev-sign-in', { role: 'Partner.AdminAgent' });
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('route.not_found');
      expect((await app.http.get('/console/config.json')).body.devSignIn).toBeNull();
      // The console itself is served in production.
      expect((await app.http.get('/console/')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  describe('on the development key set', () => {
    let service: Awaited<ReturnType<typeof startConsoleService>>;
    let http: HttpClient;
    beforeAll(async () => {
      service = await startConsoleService('console_dev_sign_in');
      http = new HttpClient(service.baseUrl);
    });
    afterAll(() => service?.close());

    it('mints a token for the role and tenant picked, which the API accepts', async () => {
      const settings = (await http.get('/console/config.json')).body;
      expect(settings.oidc).toBeNull();
      expect(settings.devSignIn).toEqual({ platformTenantId: service.config.auth.platformTenantId, partnerTenantId: expect.any(String) });

      const partner = await http.post('/console/dev-sign-in', {
        role: 'Partner.GlobalAdmin',
        tenantId: 'a8b7c6d5-0000-4000-8000-000000000001',
        name: 'Aiko Tanaka',
      });
      expect(partner.status).toBe(200);
      expect(partner.headers.get('cache-control')).toBe('no-store');
      const me = await http.get('/v1/me', { token: partner.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        kind: 'partner',
        tenantId: 'a8b7c6d5-0000-4000-8000-000000000001',
        name: 'Aiko Tanaka',
        userId: partner.body.userId,
      });
      // The same person again gets the same user id.
      const again = await http.post('/console/dev-sign-in', {
        role: 'Partner.GlobalAdmin',
        tenantId: 'a8b7c6d5-0000-4000-8000-000000000001',
        name: 'Aiko Tanaka',
      });
      expect(again.body.userId).toBe(partner.body.userId);

      const reviewer = await http.post('/console/dev-sign-in', { role: 'Exceptions.ReviewLead' });
      expect((await http.get('/v1/me', { token: reviewer.body.accessToken })).body).toMatchObject({
        kind: 'review_lead',
        tenantId: service.config.auth.platformTenantId,
      });
    });

    it('refuses an unknown role, a malformed tenant and unknown fields', async () => {
      const answer = await http.post('/console/dev-sign-in', { role: 'Exceptions.Enforcement', tenantId: 'nope', extra: 1 });
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('validation.failed');
      expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'role', 'tenantId']);
    });
  });
});
