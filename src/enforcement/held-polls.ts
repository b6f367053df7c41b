import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FeedWaiters } from './domain/feed-waiters.js';

/**
 * This instance's held long polls on the grant feed (ENFORCEMENT_MAX_HELD_POLLS at most). They are
 * answered before the HTTP server starts closing, so a shutdown never waits out a 30-second hold.
 */
@Injectable()
export class HeldPolls extends FeedWaiters implements BeforeApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.enforcementMaxHeldPolls);
  }

  beforeApplicationShutdown(): void {
    this.close();
  }
}
