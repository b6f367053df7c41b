// The in-memory copy of the active grants that enforcement answers from, keyed so that a decision is
// one Map lookup. Plain TypeScript: the service's GrantIndex and the enforcement client both keep one.

import type { IndexedGrant } from './enforcement-decision.js';

/** A grant as the feed and the snapshot carry it. */
export interface GrantRecord {
  readonly grantId: string;
  readonly tenantId: string;
  readonly userIds: readonly string[];
  readonly surfaces: readonly string[];
  readonly validFrom: string;
  readonly expiresAt: string;
}

const NONE: readonly IndexedGrant[] = Object.freeze([]);

/** The index key of a user; ids in lowercase, as the decision looks them up. */
export function userKey(tenantId: string, userId: string): string {
  return `${tenantId}:${userId}`;
}

export class GrantCopy {
  /** `tenantId:userId` → that user's grants (almost always one or two). */
  private readonly byUser = new Map<string, IndexedGrant[]>();
  /** grantId → its users' keys, so that a revocation finds what to remove without a scan. */
  private readonly keysOf = new Map<string, string[]>();

  /** How many grants the copy holds (expired ones stay until the feed says so). */
  get size(): number {
    return this.keysOf.size;
  }

  has(grantId: string): boolean {
    return this.keysOf.has(grantId.toLowerCase());
  }

  /** Ids must be lowercase (the decision lowers the token's before it asks). */
  grantsOf(tenantId: string, userId: string): readonly IndexedGrant[] {
    return this.byUser.get(userKey(tenantId, userId)) ?? NONE;
  }

  /**
   * Adds a grant once: a grant already held is left as it is, since a snapshot page read after its
   * position and the feed from that position may both carry it. Answers whether it was new.
   */
  add(grant: GrantRecord): boolean {
    const grantId = grant.grantId.toLowerCase();
    if (this.keysOf.has(grantId)) return false;
    const expiresAt = Date.parse(grant.expiresAt);
    const indexed: IndexedGrant = {
      grantId,
      surfaces: grant.surfaces,
      validFrom: Date.parse(grant.validFrom),
      expiresAt,
      expiresAtText: new Date(expiresAt).toISOString(),
    };
    const tenantId = grant.tenantId.toLowerCase();
    const keys = grant.userIds.map((userId) => userKey(tenantId, userId.toLowerCase()));
    for (const key of keys) {
      const held = this.byUser.get(key);
      this.byUser.set(key, held ? [...held, indexed] : [indexed]);
    }
    this.keysOf.set(grantId, keys);
    return true;
  }

  /** Removes a grant (revoked or expired); answers whether it was held. */
  remove(grantId: string): boolean {
    const id = grantId.toLowerCase();
    const keys = this.keysOf.get(id);
    if (!keys) return false;
    for (const key of keys) {
      const rest = (this.byUser.get(key) ?? []).filter((grant) => grant.grantId !== id);
      if (rest.length) this.byUser.set(key, rest);
      else this.byUser.delete(key);
    }
    this.keysOf.delete(id);
    return true;
  }
}
