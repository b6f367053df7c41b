// Exempt answers counted per grant in memory, sent to the service in batches.

export interface UsageItem {
  readonly grantId: string;
  readonly count: number;
  readonly lastUsedAt: string;
}

interface Pending {
  count: number;
  lastUsedAt: number;
}

export class UsageBatch {
  private pending = new Map<string, Pending>();
  /** Counts given up because the batch was full (the service was unreachable for long). */
  dropped = 0;

  /** At most this many grants wait to be sent: bounded memory however long the service is away. */
  constructor(private readonly maxGrants: number) {}

  get size(): number {
    return this.pending.size;
  }

  record(grantId: string, at: number): void {
    const entry = this.pending.get(grantId);
    if (entry) {
      entry.count++;
      if (at > entry.lastUsedAt) entry.lastUsedAt = at;
    } else if (this.pending.size < this.maxGrants) {
      this.pending.set(grantId, { count: 1, lastUsedAt: at });
    } else {
      this.dropped++;
    }
  }

  /** Everything counted so far, emptied. */
  take(): UsageItem[] {
    const items = [...this.pending].map(([grantId, u]) => ({ grantId, count: u.count, lastUsedAt: new Date(u.lastUsedAt).toISOString() }));
    this.pending = new Map();
    return items;
  }

  /** Puts back items that could not be sent, merged with what was counted meanwhile. */
  restore(items: readonly UsageItem[]): void {
    for (const item of items) {
      const at = Date.parse(item.lastUsedAt);
      const entry = this.pending.get(item.grantId);
      if (entry) {
        entry.count += item.count;
        if (at > entry.lastUsedAt) entry.lastUsedAt = at;
      } else if (this.pending.size < this.maxGrants) {
        this.pending.set(item.grantId, { count: item.count, lastUsedAt: at });
      } else {
        this.dropped += item.count;
      }
    }
  }
}
