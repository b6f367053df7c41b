import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { GrantChangeWatchers } from '../grants/grant-change-watchers.js';
import { GRANT_CHANGES_CHANNEL, GrantFeedRepository, type FeedChange } from '../grants/grant-feed.repository.js';
import { Clock } from '../platform/clock.js';
import { HeldPolls } from './held-polls.js';
import type { IndexedGrant } from './domain/enforcement-decision.js';
import { GrantCopy } from './domain/grant-copy.js';

/** Catch-up interval when no notification arrives: the upper bound on staleness while healthy. */
const POLL_MS = 500;
/** Older than this, the index is not trusted: enforcement answers 503 and its callers fail closed. */
export const STALE_AFTER_MS = 5_000;
const RECONNECT_MS = 1_000;

/**
 * Every active grant, in memory, so that status and evaluate need no database round trip. Loaded
 * from a consistent snapshot, then kept in step from the grant feed: at once on PostgreSQL NOTIFY
 * (sent when a change commits), and by polling every 500 ms in case a notification is lost. After a
 * lost connection it reloads in full. Expiry needs no message: lookups compare `expiresAt` with now.
 */
@Injectable()
export class GrantIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GrantIndex.name);
  /** The same keyed copy the enforcement client keeps (domain/grant-copy.ts). */
  private copy = new GrantCopy();
  private lastSeq = '0';
  private syncedAt = 0;
  private syncing: Promise<void> | null = null;
  /** A notification arrived during a catch-up: run once more, so its change waits for no poll. */
  private dirty = false;
  private listener: pg.Client | null = null;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly feed: GrantFeedRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    watchers: GrantChangeWatchers,
    private readonly heldPolls: HeldPolls,
  ) {
    // Read-your-writes: a change this instance commits is applied before its answer leaves.
    watchers.watch(() => this.catchUp());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    void this.listen();
    this.pollTimer = setInterval(() => void this.catchUp().catch(() => undefined), POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
    await this.syncing?.catch(() => undefined);
  }

  grantsOf(tenantId: string, userId: string): readonly IndexedGrant[] {
    return this.copy.grantsOf(tenantId, userId);
  }

  /** How long ago the index last caught up with the database. */
  lagMs(now = this.clock.now().getTime()): number {
    return now - this.syncedAt;
  }

  /** Whether the index caught up with the database recently enough to be trusted. */
  isFresh(now = this.clock.now().getTime()): boolean {
    return now - this.syncedAt < STALE_AFTER_MS;
  }

  async reload(): Promise<void> {
    const snapshot = await this.feed.snapshot(this.clock.now());
    const copy = new GrantCopy();
    for (const grant of snapshot.grants) copy.add(grant);
    this.copy = copy;
    this.lastSeq = snapshot.seq;
    this.syncedAt = this.clock.now().getTime();
    this.heldPolls.advanced(this.lastSeq);
  }

  /** Applies the changes after the last one seen. One run at a time; callers share it. */
  catchUp(): Promise<void> {
    if (this.syncing) {
      this.dirty = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.dirty = false;
          for (;;) {
            const changes = await this.feed.changesAfter(this.lastSeq, 1000);
            for (const change of changes) this.apply(change);
            if (changes.length < 1000) break;
          }
        } while (this.dirty);
        this.syncedAt = this.clock.now().getTime();
        // Long polls on every instance are released by the change their own index has applied.
        this.heldPolls.advanced(this.lastSeq);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private apply(change: FeedChange): void {
    if (change.type === 'created') this.copy.add(change.grant);
    else this.copy.remove(change.grant.grantId);
    this.lastSeq = change.seq;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'mfa-exceptions-grant-index' });
    const retry = () => {
      if (this.stopped || this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    this.listener = client;
    client.on('notification', () => void this.catchUp().catch(() => undefined));
    client.on('error', (error) => {
      this.logger.warn({ err: error.message }, 'grant change listener lost; reconnecting');
      retry();
    });
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${GRANT_CHANGES_CHANNEL}`);
      // Anything may have happened while we were not listening.
      await this.reload();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'grant change listener could not connect; retrying');
      retry();
    }
  }
}
