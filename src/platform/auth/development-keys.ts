import { exportJWK, generateKeyPair, calculateJwkThumbprint, type JWK, type JSONWebKeySet } from 'jose';
import { mkdir, readFile, writeFile, link, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

// A development key pair, generated on first use on each machine and never committed. The service
// trusts its public half when no AUTH_JWKS_URL/AUTH_JWKS_FILE is set; `npm run token` signs with it.

export interface DevelopmentKeys {
  readonly privateJwk: JWK;
  readonly jwks: JSONWebKeySet;
}

export async function loadOrCreateDevelopmentKeys(dir: string): Promise<DevelopmentKeys> {
  const keyPath = join(dir, 'signing-key.json');
  let privateJwk = await readJson(keyPath);
  if (!privateJwk) {
    await mkdir(dir, { recursive: true });
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const candidate: JWK = { ...jwk, alg: 'ES256', use: 'sig', kid: await calculateJwkThumbprint(jwk) };
    // Written aside, then linked into place: two processes starting at once agree on one key.
    const temp = `${keyPath}.${randomUUID()}`;
    await writeFile(temp, JSON.stringify(candidate, null, 2), { mode: 0o600 });
    try {
      await link(temp, keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp);
    }
    privateJwk = (await readJson(keyPath))!;
    await writeFile(join(dir, 'jwks.json'), JSON.stringify(publicKeySet(privateJwk), null, 2));
  }
  return { privateJwk, jwks: publicKeySet(privateJwk) };
}

export function publicKeySet(privateJwk: JWK): JSONWebKeySet {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return { keys: [publicJwk] };
}

async function readJson(path: string): Promise<JWK | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
