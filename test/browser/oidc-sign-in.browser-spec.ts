import type { Browser } from 'playwright-core';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, personPage, startConsoleService } from '../support/browser.js';
import { newSigningKey, TEST_AUDIENCE, writeJwksFile, type SigningKey } from '../support/tokens.js';

// Signing in with OpenID Connect: authorization code + PKCE against a small provider of the test's
// own (discovery, authorize, token), whose access token the service accepts through AUTH_JWKS_FILE.

const CLIENT_ID = 'mfa-console-test';

interface Authorization {
  readonly query: URLSearchParams;
}

function startProvider(key: SigningKey, person: { tenantId: string; userId: string }) {
  const authorizations = new Map<string, Authorization>();
  const tokenRequests: URLSearchParams[] = [];
  let issuer = '';
  const sign = (claims: Record<string, unknown>, audience: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(person.userId)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', ...cors });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      return response.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [key.alg],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [key.publicJwk] });
    if (url.pathname === '/authorize') {
      // The person "signs in" at once: back to the console with a code.
      const code = randomUUID();
      authorizations.set(code, { query: url.searchParams });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state')!);
      response.writeHead(302, { location: back.toString() });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          tokenRequests.push(form);
          const authorization = authorizations.get(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (!authorization || authorization.query.get('code_challenge') !== challenge) return json(400, { error: 'invalid_grant' });
          const claims = {
            tid: person.tenantId,
            oid: person.userId,
            name: 'Oidc Partner',
            upn: 'oidc.partner@partner.example',
            amr: ['pwd', 'mfa'],
          };
          json(200, {
            token_type: 'Bearer',
            expires_in: 600,
            access_token: await sign({ ...claims, roles: ['Partner.GlobalAdmin'] }, TEST_AUDIENCE),
            id_token: await sign({ ...claims, nonce: authorization.query.get('nonce') ?? undefined }, CLIENT_ID),
            scope: authorization.query.get('scope'),
          });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  return new Promise<{ issuer: string; server: Server; authorizations: Map<string, Authorization>; tokenRequests: URLSearchParams[] }>(
    (resolve) =>
      server.listen(0, '127.0.0.1', () => {
        issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve({ issuer, server, authorizations, tokenRequests });
      }),
  );
}

describe('signing in with OpenID Connect', () => {
  const person = { tenantId: randomUUID(), userId: randomUUID() };
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let service: Awaited<ReturnType<typeof startConsoleService>>;
  let browser: Browser;

  beforeAll(async () => {
    const key = await newSigningKey('RS256');
    provider = await startProvider(key, person);
    service = await startConsoleService('console_oidc', {
      AUTH_JWKS_FILE: writeJwksFile([key]),
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      CONSOLE_OIDC_AUTHORITY: provider.issuer,
      CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
      CONSOLE_OIDC_SCOPE: 'openid profile api://mfa-exceptions-test/.default',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  it('uses the authorization code flow with PKCE (S256) and calls the API with the access token', async () => {
    const { page } = await personPage(browser, { locale: 'en-GB' });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${service.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Organisation sign-in' }).waitFor();
    // On a configured key set there is no development sign-in.
    expect(await page.getByRole('heading', { name: 'Development sign-in' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.locator('main h1').textContent(), { timeout: 15_000 }).toBe('My requests');
    expect(page.url()).toBe(`${service.baseUrl}/console/requests`);
    expect(await page.locator('.who').textContent()).toContain('Oidc Partner');

    const [authorization] = [...provider.authorizations.values()];
    expect(authorization.query.get('response_type')).toBe('code');
    expect(authorization.query.get('client_id')).toBe(CLIENT_ID);
    expect(authorization.query.get('code_challenge_method')).toBe('S256');
    expect(authorization.query.get('redirect_uri')).toBe(`${service.baseUrl}/console/callback`);
    expect(authorization.query.get('scope')).toBe('openid profile api://mfa-exceptions-test/.default');
    expect(provider.tokenRequests).toHaveLength(1);
    expect(provider.tokenRequests[0].get('grant_type')).toBe('authorization_code');
    expect(provider.tokenRequests[0].get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    // The token endpoint is on the authority's origin, which the console's CSP allows; nothing was blocked.
    expect(blocked).toEqual([]);
  });
});
