// The in-memory copy of the active grants that enforcement answers from, keyed so that a decision is
// two Map lookups, whatever the number of grants. Plain TypeScript: the service's GrantIndex and the
// enforcement client both keep one.

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

export class GrantCopy {
  /**
   * tenantId → userId → that user's grants (almost always one or two). Two lookups of the ids as
   * given rather than one of a `${tenantId}:${userId}` key: no string is built, flattened and hashed
   * per decision, which made the lookup about five times slower (measured for bench:client).
   */
  private readonly byTenant = new Map<string, Map<string, IndexedGrant[]>>();
  /** grantId → where it is filed, so that a revocation finds what to remove without a scan. */
  private readonly placeOf = new Map<string, { tenantId: string; userIds: string[] }>();

  /** How many grants the copy holds (expired ones stay until the feed says so). */
  get size(): number {
    return this.placeOf.size;
  }

  has(grantId: string): boolean {
    return this.placeOf.has(grantId.toLowerCase());
  }

  /** Ids must be lowercase (the decision lowers the token's before it asks). */
  grantsOf(tenantId: string, userId: string): readonly IndexedGrant[] {
    return this.byTenant.get(tenantId)?.get(userId) ?? NONE;
  }

  /**
   * Adds a grant once: a grant already held is left as it is, since a snapshot page read after its
   * position and the feed from that position may both carry it. Answers whether it was new.
   */
  add(grant: GrantRecord): boolean {
    const grantId = grant.grantId.toLowerCase();
    if (this.placeOf.has(grantId)) return false;
    const expiresAt = Date.parse(grant.expiresAt);
    const indexed: IndexedGrant = {
      grantId,
      surfaces: grant.surfaces,
      validFrom: Date.parse(grant.validFrom),
      expiresAt,
      expiresAtText: new Date(expiresAt).toISOString(),
    };
    const tenantId = grant.tenantId.toLowerCase();
    const userIds = grant.userIds.map((userId) => userId.toLowerCase());
    let users = this.byTenant.get(tenantId);
    if (!users) this.byTenant.set(tenantId, (users = new Map<string, IndexedGrant[]>()));
    for (const userId of userIds) {
      const held = users.get(userId);
      users.set(userId, held ? [...held, indexed] : [indexed]);
    }
    this.placeOf.set(grantId, { tenantId, userIds });
    return true;
  }

  /** Removes a grant (revoked or expired); answers whether it was held. */
  remove(grantId: string): boolean {
    const id = grantId.toLowerCase();
    const place = this.placeOf.get(id);
    if (!place) return false;
    const users = this.byTenant.get(place.tenantId);
    for (const userId of place.userIds) {
      const rest = (users?.get(userId) ?? []).filter((grant) => grant.grantId !== id);
      if (rest.length) users?.set(userId, rest);
      else users?.delete(userId);
    }
    if (users?.size === 0) this.byTenant.delete(place.tenantId);
    this.placeOf.delete(id);
    return true;
  }
}
