import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenVerifier } from '../../src/platform/auth/token-verifier.js';

const PLATFORM = 'a1a1a1a1-0000-4000-8000-00000000beef';
const OPTIONS = { issuer: 'https://issuer.test', audience: 'api://test', platformTenantId: PLATFORM, maxLifetimeSeconds: 3600 };

describe('TokenVerifier', () => {
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  let jwks: { keys: object[] };

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] };
    sign = (claims) =>
      new SignJWT({ oid: randomUUID(), ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(OPTIONS.issuer)
        .setAudience(OPTIONS.audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
  });

  it('remembers at most cacheSize verified tokens, forgetting the oldest first', async () => {
    const verifier = TokenVerifier.local(jwks, { ...OPTIONS, cacheSize: 2 });
    const tokens = await Promise.all([1, 2, 3].map(() => sign({ tid: randomUUID(), roles: [] })));
    for (const token of tokens) await verifier.verify(token);
    expect(verifier.cached(tokens[0])).toBeUndefined();
    expect(verifier.cached(tokens[1])).toBeDefined();
    expect(verifier.cached(tokens[2])).toBeDefined();
  });

  it('finds a verified token from its Authorization header without parsing, and nothing else', async () => {
    const verifier = TokenVerifier.local(jwks, OPTIONS);
    const token = await sign({ tid: randomUUID(), roles: [] });
    expect(verifier.cachedBearer(`Bearer ${token}`)).toBeUndefined();
    const caller = await verifier.verify(token);
    expect(verifier.cachedBearer(`Bearer ${token}`)).toBe(caller);
    expect(verifier.cachedBearer(`bearer ${token}`)).toBe(caller);
    // Unusual forms miss and take the full parse (which accepts or refuses them as before).
    for (const header of [
      `Bearer  ${token}`,
      `Bearer:${token}`,
      `Negotx ${token}`,
      `Bearer ${token} `,
      `Basic ${token}`,
      token,
      `Bearer ${token}x`,
      'Bearer',
      undefined,
    ]) {
      expect(verifier.cachedBearer(header)).toBeUndefined();
    }
  });

  it('answers the same header again from the last look-up, until the token expires', async () => {
    const verifier = TokenVerifier.local(jwks, OPTIONS);
    const [first, second] = await Promise.all([sign({ tid: randomUUID(), roles: [] }), sign({ tid: randomUUID(), roles: [] })]);
    const [callerOne, callerTwo] = [await verifier.verify(first), await verifier.verify(second)];
    // Alternating headers: each answer is its own token's caller, never the one looked up before.
    for (let round = 0; round < 2; round++) {
      expect(verifier.cachedBearer(`Bearer ${first}`)).toBe(callerOne);
      expect(verifier.cachedBearer(`Bearer ${first}`)).toBe(callerOne);
      expect(verifier.cachedBearer(`Bearer ${second}`)).toBe(callerTwo);
    }
    vi.useFakeTimers({ now: callerTwo.expiresAt + 1, toFake: ['Date'] });
    try {
      expect(verifier.cachedBearer(`Bearer ${second}`)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps staff roles on the platform tenant and drops them on any other', async () => {
    const roles = ['Exceptions.Reviewer', 'Exceptions.ReviewLead', 'Exceptions.Enforcement', 'Partner.GlobalAdmin'];
    const verifier = TokenVerifier.local(jwks, OPTIONS);
    expect((await verifier.verify(await sign({ tid: PLATFORM, roles }))).roles).toEqual(roles);
    expect((await verifier.verify(await sign({ tid: randomUUID(), roles }))).roles).toEqual(['Partner.GlobalAdmin']);
    expect((await verifier.verify(await sign({ tid: PLATFORM.toUpperCase(), roles }))).roles).toEqual(roles);
  });
});
