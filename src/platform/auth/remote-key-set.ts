import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface RemoteKeySetOptions {
  /** After any fetch, successful or not, no new fetch for this long: unknown `kid`s are refused meanwhile. */
  readonly cooldownMs: number;
  /** Keys older than this are refetched on the next token (the old ones stay in use if that fails). */
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/**
 * A remote JSON Web Key Set, fetched at most once per cooldown whatever happens.
 *
 * jose's own remote set starts its cooldown only after a successful fetch, so with the key server
 * failing every token naming an unknown `kid` caused one more fetch. Here one fetch is in flight at a
 * time, every attempt starts the cooldown, and a token that arrives during it is answered from the
 * keys already held (an unknown `kid` is refused without a fetch).
 */
export class RemoteKeySet {
  private keys: JWTVerifyGetKey | null = null;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private pending: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly url: URL,
    private readonly options: RemoteKeySetOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.keys || this.now() - this.fetchedAt > this.options.maxAgeMs) await this.refresh();
    if (!this.keys) throw new errors.JWKSTimeout('The signing keys could not be fetched.');
    try {
      return await this.keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.mayFetch()) throw error;
      // A key rotated in since the last fetch.
      await this.refresh();
      return this.keys(header, token);
    }
  };

  private mayFetch(): boolean {
    return this.pending !== null || this.now() - this.attemptedAt >= this.options.cooldownMs;
  }

  /** Fetches unless a fetch is under way (then waits for it) or the cooldown has not passed. Never throws. */
  private refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.mayFetch()) return Promise.resolve();
    this.attemptedAt = this.now();
    this.pending = this.fetchKeys()
      .then((jwks) => {
        this.keys = createLocalJWKSet(jwks);
        this.fetchedAt = this.now();
      })
      .catch(() => undefined)
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  private async fetchKeys(): Promise<JSONWebKeySet> {
    const response = await fetch(this.url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`key set answered ${response.status}`);
    const body = await response.json();
    if (!body || typeof body !== 'object' || !Array.isArray((body as { keys?: unknown }).keys)) throw new Error('not a key set');
    return body as JSONWebKeySet;
  }
}
