import { exportSPKI, importJWK, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, tenantRowCounts } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, ROLE, TEST_AUDIENCE, TEST_ISSUER, TokenFactory, writeJwksFile, type SigningKey } from '../support/tokens.js';

// Contract (api.md, Authentication): a token is accepted only when its signature checks against the
// configured JWKS, iss/aud match, and it is within exp/nbf with 60 s skew; RS256 and ES256 only.
// Every failure is 401 + `WWW-Authenticate: Bearer error="invalid_token"` + problem+json.

const NOTHING_STORED = { exception_requests: 0, request_messages: 0, audit_events: 0, idempotency_keys: 0, outbox_jobs: 0 };

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The claims of a valid partner admin token for this tenant, as numbers of seconds from now. */
function adminClaims(tenantId: string, overrides: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    nbf: now,
    exp: now + 600,
    tid: tenantId,
    oid: randomUUID(),
    upn: 'agent@partner.example',
    name: 'Test Agent',
    amr: ['pwd'],
    roles: [ROLE.adminAgent],
    ...overrides,
  };
}

/** Signs claims exactly as given (no defaults added), for tokens the TokenFactory cannot mint. */
function signRaw(claims: JWTPayload, alg: string, key: CryptoKey | KeyObject | Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

function expectInvalidToken(res: HttpResponse): void {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: 401, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
}

describe('authentication', () => {
  let t: TestApp;
  let rsKey: SigningKey;
  let esKey: SigningKey;
  // An RSA key published without an `alg` member: the only thing keeping it to RS256 is the service's own algorithm list.
  let looseRsa: { privateKey: KeyObject; kid: string };

  beforeAll(async () => {
    rsKey = await newSigningKey('RS256');
    esKey = await newSigningKey('ES256');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    looseRsa = { privateKey, kid: `loose-rsa-${randomUUID().slice(0, 8)}` };
    const looseJwk = { ...publicKey.export({ format: 'jwk' }), kid: looseRsa.kid, use: 'sig' };
    // The trusted key set holds an RS256 key, an ES256 key and the alg-less RSA key.
    const jwksFile = writeJwksFile([rsKey, esKey, { ...rsKey, kid: looseRsa.kid, publicJwk: looseJwk }]);
    t = await startTestApp({ AUTH_JWKS_FILE: jwksFile }, new TokenFactory(rsKey));
  });
  afterAll(() => t?.close());

  describe('accepted tokens (the controls the refusals are measured against)', () => {
    it('files with a valid RS256 token: 201 and the request is stored', async () => {
      const tenantId = randomUUID();
      const res = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: await t.tokens.mint({ tenantId }) });
      expect(res.status).toBe(201);
      expect((await tenantRowCounts(t.db, tenantId)).exception_requests).toBe(1);
    });

    it('accepts an ES256 token as well as RS256', async () => {
      const tenantId = randomUUID();
      const token = await t.tokens.mint({ tenantId, key: esKey });
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg).toBe('ES256');
      const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token });
      expect(filed.status).toBe(201);
      expect(filed.body.tenantId).toBe(tenantId);
      const list = await t.http.get('/v1/exception-requests', { token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
    });

    it('accepts a token that expired 30 s ago (within the 60 s skew)', async () => {
      const token = await t.tokens.mint({ expiresInSeconds: -30, notBeforeSeconds: -600 });
      const res = await t.http.get('/v1/exception-requests', { token });
      expect(res.status).toBe(200);
    });

    it('accepts a token whose nbf is 30 s in the future (within the 60 s skew)', async () => {
      const res = await t.http.get('/v1/exception-requests', { token: await t.tokens.mint({ notBeforeSeconds: 30 }) });
      expect(res.status).toBe(200);
    });

    it('accepts the bearer scheme in any letter case', async () => {
      const res = await t.http.get('/v1/exception-requests', { headers: { authorization: `bearer ${await t.tokens.mint()}` } });
      expect(res.status).toBe(200);
    });

    it('accepts RS256 from a key published without an alg member', async () => {
      const res = await t.http.get('/v1/exception-requests', {
        token: await signRaw(adminClaims(randomUUID()), 'RS256', looseRsa.privateKey, looseRsa.kid),
      });
      expect(res.status).toBe(200);
    });
  });

  // Each case builds the whole Authorization header (undefined: none) for a partner admin of `tenantId`,
  // so that a wrongly accepted token would file a request under that tenant and show up in its row counts.
  const refused: [string, (tenantId: string) => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['Basic credentials', async () => `Basic ${Buffer.from('agent:password').toString('base64')}`],
    ['"Bearer" alone', async () => 'Bearer'],
    ['garbage instead of a scheme and token', async () => 'garbage'],
    ['a bearer token that is not a JWT', async () => 'Bearer not-a-jwt'],
    ['a valid token under another scheme', async (tid) => `Token ${await t.tokens.mint({ tenantId: tid })}`],
    [
      'a token signed by a key not in the JWKS',
      async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, key: await newSigningKey('RS256') })}`,
    ],
    [
      'a token signed by another key that claims the trusted kid',
      async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, key: { ...(await newSigningKey('RS256')), kid: rsKey.kid } })}`,
    ],
    ['alg "none" with an empty signature', async (tid) => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(adminClaims(tid))}.`],
    [
      'alg "NONE" naming the trusted kid',
      async (tid) => `Bearer ${b64url({ alg: 'NONE', typ: 'JWT', kid: rsKey.kid })}.${b64url(adminClaims(tid))}.`,
    ],
    [
      'HS256 with a shared secret',
      async (tid) =>
        `Bearer ${await signRaw(adminClaims(tid), 'HS256', new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'), rsKey.kid)}`,
    ],
    [
      'HS256 keyed with the trusted RSA public key (key confusion)',
      async (tid) => {
        const pem = await exportSPKI((await importJWK(rsKey.publicJwk, 'RS256')) as CryptoKey);
        return `Bearer ${await signRaw(adminClaims(tid), 'HS256', new TextEncoder().encode(pem), rsKey.kid)}`;
      },
    ],
    [
      'HS256 keyed with the trusted ES256 public key (key confusion)',
      async (tid) => {
        const pem = await exportSPKI((await importJWK(esKey.publicJwk, 'ES256')) as CryptoKey);
        return `Bearer ${await signRaw(adminClaims(tid), 'HS256', new TextEncoder().encode(pem), esKey.kid)}`;
      },
    ],
    // Same RSA key that RS256 is accepted from above: only the algorithm differs.
    [
      'RS384 from a trusted RSA key',
      async (tid) => `Bearer ${await signRaw(adminClaims(tid), 'RS384', looseRsa.privateKey, looseRsa.kid)}`,
    ],
    [
      'PS256 from a trusted RSA key',
      async (tid) => `Bearer ${await signRaw(adminClaims(tid), 'PS256', looseRsa.privateKey, looseRsa.kid)}`,
    ],
    [
      'expired 5 minutes ago (beyond the skew)',
      async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, expiresInSeconds: -300, notBeforeSeconds: -900 })}`,
    ],
    [
      'nbf 5 minutes in the future',
      async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, notBeforeSeconds: 300, expiresInSeconds: 900 })}`,
    ],
    ['no exp at all', async (tid) => `Bearer ${await signRaw(adminClaims(tid, { exp: undefined }), 'RS256', rsKey.privateKey, rsKey.kid)}`],
    ['a wrong aud', async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, audience: 'api://some-other-api' })}`],
    ['a wrong iss', async (tid) => `Bearer ${await t.tokens.mint({ tenantId: tid, issuer: 'https://login.attacker.invalid/issuer' })}`],
    ['no tid', async () => `Bearer ${await t.tokens.mint({ claims: { tid: undefined } })}`],
    [
      'a tampered payload (roles raised to reviewer, signature kept)',
      async (tid) => {
        const [header, payload, signature] = (await t.tokens.mint({ tenantId: randomUUID() })).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        return `Bearer ${header}.${b64url({ ...claims, tid, roles: [ROLE.adminAgent, ROLE.reviewer] })}.${signature}`;
      },
    ],
  ];

  describe.each(refused)('refuses %s', (_name, authorization) => {
    it('with 401, the invalid_token challenge and problem+json, and stores nothing', async () => {
      const tenantId = randomUUID();
      const header = await authorization(tenantId);
      const headers: Record<string, string> = header === undefined ? {} : { authorization: header };
      const title = `authn probe ${randomUUID()}`;

      const filed = await t.http.post('/v1/exception-requests', buildRequestBody({ title }), {
        headers: { ...headers, 'idempotency-key': randomUUID() },
      });
      expectInvalidToken(filed);
      expectInvalidToken(await t.http.get('/v1/exception-requests', { headers }));
      expectInvalidToken(await t.http.get('/v1/known-issues', { headers }));

      expect(await tenantRowCounts(t.db, tenantId)).toEqual(NOTHING_STORED);
      expect(await countRows(t.db, 'exception_requests', 'title = $1', [title])).toBe(0);
    });
  });

  it("answers 401 before looking at the target: a bad token on another tenant's request is 401, not 404", async () => {
    const owner = randomUUID();
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: await t.tokens.mint({ tenantId: owner }) });
    expect(filed.status).toBe(201);
    const before = await tenantRowCounts(t.db, owner);
    const forged = await t.tokens.mint({ tenantId: owner, key: await newSigningKey('ES256') });
    expectInvalidToken(await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: forged }));
    expectInvalidToken(await t.http.post(`/v1/exception-requests/${filed.body.id}/withdraw`, {}, { token: forged }));
    expectInvalidToken(await t.http.post(`/v1/exception-requests/${filed.body.id}/messages`, { body: 'hi' }, { token: forged }));
    expect(await tenantRowCounts(t.db, owner)).toEqual(before);
    const [row] = await t.db.query('SELECT status FROM exception_requests WHERE id = $1', [filed.body.id]);
    expect(row.status).toBe('submitted');
  });

  it('serves the health endpoints without a token', async () => {
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
  });
});

const COOLDOWN_MS = 1000;

describe('authentication against a remote JWKS (AUTH_JWKS_URL)', () => {
  let server: Server;
  let served: { keys: unknown[] };
  const fetchedAt: number[] = [];
  let keyA: SigningKey;
  let keyB: SigningKey;
  let t: TestApp;

  beforeAll(async () => {
    keyA = await newSigningKey('RS256');
    keyB = await newSigningKey('ES256');
    served = { keys: [keyA.publicJwk] };
    server = createServer((req, res) => {
      if (req.url !== '/keys') {
        res.writeHead(404).end();
        return;
      }
      fetchedAt.push(Date.now());
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp(
      {
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/keys`,
        AUTH_JWKS_FILE: '',
        AUTH_JWKS_REFETCH_COOLDOWN_MS: String(COOLDOWN_MS),
        PROCESS_ROLE: 'api',
      },
      new TokenFactory(keyA),
    );
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  // One test, in order: the cache state it relies on is built up step by step.
  it('accepts key A, then a rotated-in key B without a restart, and still refuses unknown keys', async () => {
    const a = await t.http.get('/v1/exception-requests', { token: await t.tokens.mint() });
    expect(a.status).toBe(200);
    expect(fetchedAt).toHaveLength(1);

    // Rotation: the identity provider now publishes A and B.
    served = { keys: [keyA.publicJwk, keyB.publicJwk] };

    // An unknown kid is refetched only once the cooldown has passed since the last fetch, the first
    // one included. So B's first token is sent after the cooldown.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fetchedAt[0] + COOLDOWN_MS + 100 - Date.now())));

    const tenantId = randomUUID();
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: await t.tokens.mint({ tenantId, key: keyB }) });
    expect(filed.status).toBe(201);
    expect(filed.body.tenantId).toBe(tenantId);
    expect(fetchedAt).toHaveLength(2);

    // A is still published, so still accepted, from the refreshed cache (no further fetch).
    expect((await t.http.get('/v1/exception-requests', { token: await t.tokens.mint() })).status).toBe(200);
    expect(fetchedAt).toHaveLength(2);

    // A key the server never published is refused.
    expectInvalidToken(await t.http.get('/v1/exception-requests', { token: await t.tokens.mint({ key: await newSigningKey('RS256') }) }));
  }, 60_000);
});

describe('a failing key server (AUTH_JWKS_URL answering 500)', () => {
  let server: Server;
  let fetches = 0;
  let t: TestApp;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(500).end('down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/keys`,
      AUTH_JWKS_FILE: '',
      AUTH_JWKS_REFETCH_COOLDOWN_MS: String(COOLDOWN_MS),
      PROCESS_ROLE: 'api',
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('sees one fetch per cooldown under 200 tokens with unknown kids, each answered 401', async () => {
    const keys = await Promise.all(Array.from({ length: 10 }, () => newSigningKey('ES256')));
    const send = async () => {
      const answers: HttpResponse[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => t.tokens.mint({ key: keys[i % keys.length] })));
        answers.push(...(await Promise.all(tokens.map((token) => t.http.get('/v1/exception-requests', { token })))));
      }
      return answers;
    };
    const started = Date.now();
    const first = await send();
    expect(Date.now() - started).toBeLessThan(COOLDOWN_MS);
    for (const res of first) expectInvalidToken(res);
    expect(fetches).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 100));
    for (const res of await send()) expectInvalidToken(res);
    expect(fetches).toBe(2);
  });
});

describe('token lifetime and displayed claims', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MAX_TOKEN_LIFETIME: '3600', PROCESS_ROLE: 'api' });
  });
  afterAll(() => t?.close());

  const sign = (claims: JWTPayload) => signRaw(claims, t.tokens.key.alg, t.tokens.key.privateKey, t.tokens.key.kid);
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token living longer than AUTH_MAX_TOKEN_LIFETIME, by exp - iat or, without iat, exp - now', async () => {
    const tenantId = randomUUID();
    const tooLong = await sign(adminClaims(tenantId, { exp: now() + 3601 + 60 }));
    const res = await t.http.get('/v1/exception-requests', { token: tooLong });
    expectInvalidToken(res);
    expect(res.body.detail).toContain('3600');

    const { iat: _iat, ...noIat } = adminClaims(tenantId, { exp: now() + 4102444800 - now() });
    expectInvalidToken(await t.http.get('/v1/exception-requests', { token: await sign(noIat) }));

    // Issued long ago and expiring soon: still a lifetime of hours, so refused too.
    expectInvalidToken(
      await t.http.get('/v1/exception-requests', {
        token: await sign(adminClaims(tenantId, { iat: now() - 7200, nbf: now() - 7200, exp: now() + 60 })),
      }),
    );

    expect((await t.http.get('/v1/exception-requests', { token: await sign(adminClaims(tenantId, { exp: now() + 3500 })) })).status).toBe(
      200,
    );
  });

  it.each([
    ['name', 'Ada\u0000Lovelace'],
    ['name', 'Ada \ud800 Lovelace'],
    ['upn', 'ada\u0007@partner.example'],
    ['preferred_username', '\udfffada@partner.example'],
  ])('refuses a token whose %s claim is not text (401 naming the claim), and stores nothing', async (claim, value) => {
    const tenantId = randomUUID();
    const claims = adminClaims(tenantId, { [claim]: value });
    if (claim === 'preferred_username') delete claims.upn;
    const res = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: await sign(claims) });
    expectInvalidToken(res);
    expect(res.body.detail).toContain(`"${claim}"`);
    expect(await tenantRowCounts(t.db, tenantId)).toEqual(NOTHING_STORED);
  });
});
