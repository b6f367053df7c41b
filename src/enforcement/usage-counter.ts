import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GrantsRepository } from '../grants/grants.repository.js';

const FLUSH_MS = 2_000;

/**
 * Counts exempt decisions per grant in memory and adds them to the grants in one statement every
 * two seconds (and at shutdown): the hot path never waits for a write.
 */
@Injectable()
export class UsageCounter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsageCounter.name);
  private pending = new Map<string, { count: number; lastUsedAt: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly grants: GrantsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(grantId: string, at: number): void {
    const entry = this.pending.get(grantId);
    if (entry) {
      entry.count++;
      if (at > entry.lastUsedAt) entry.lastUsedAt = at;
    } else {
      this.pending.set(grantId, { count: 1, lastUsedAt: at });
    }
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.grants.addUsage([...batch].map(([grantId, u]) => ({ grantId, count: u.count, lastUsedAt: new Date(u.lastUsedAt) })));
    } catch (error) {
      // Keep the counts for the next round rather than lose them.
      for (const [grantId, u] of batch) {
        const entry = this.pending.get(grantId);
        this.pending.set(grantId, entry ? { count: entry.count + u.count, lastUsedAt: Math.max(entry.lastUsedAt, u.lastUsedAt) } : u);
      }
      this.logger.warn({ err: (error as Error).message }, 'usage counts not written; will retry');
    }
  }
}
