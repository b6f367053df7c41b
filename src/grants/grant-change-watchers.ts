import { Injectable } from '@nestjs/common';

/**
 * Who must have applied a committed grant change before the answer that made it leaves: the API
 * instance's enforcement index registers here, so that an enforcement call routed to the instance
 * that approved or revoked sees the change at once (read-your-writes). Other instances hear of it
 * through the feed's NOTIFY within milliseconds.
 */
@Injectable()
export class GrantChangeWatchers {
  private readonly watchers: (() => Promise<void>)[] = [];

  watch(onCommitted: () => Promise<void>): void {
    this.watchers.push(onCommitted);
  }

  /** Called after the transaction that changed grants committed. A failing watcher fails nothing. */
  async committed(): Promise<void> {
    await Promise.all(this.watchers.map((watcher) => watcher().catch(() => undefined)));
  }
}
