// Long polling on the grant feed: callers wait until the feed moves past their position, the wait
// ends, their connection goes, or the instance shuts down. Plain TypeScript; the grant index tells it
// how far the feed has been applied (`advanced`), so every instance releases its own waiters on the
// same NOTIFY that keeps its index in step.

export type WaitOutcome = 'changed' | 'timeout' | 'closing' | 'aborted';

export class TooManyWaitersError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} long polls are held per instance`);
    this.name = 'TooManyWaitersError';
  }
}

interface Waiter {
  readonly after: bigint;
  readonly settle: (outcome: WaitOutcome) => void;
}

export class FeedWaiters {
  private readonly held = new Set<Waiter>();
  /** The last feed position applied on this instance (sequence numbers only grow). */
  private latest = -1n;
  private closing = false;

  constructor(readonly limit: number) {}

  get heldCount(): number {
    return this.held.size;
  }

  /** The feed was applied up to `seq`: release everyone waiting for anything before it. */
  advanced(seq: string): void {
    const position = BigInt(seq);
    if (position <= this.latest) return;
    this.latest = position;
    for (const waiter of this.held) if (waiter.after < position) waiter.settle('changed');
  }

  /**
   * Resolves when the feed moves past `after`, after `ms`, when `signal` aborts or at shutdown.
   * Throws TooManyWaitersError past the limit, so a caller can shed load instead of holding it.
   */
  wait(after: string, ms: number, signal?: AbortSignal): Promise<WaitOutcome> {
    const position = BigInt(after);
    if (this.closing) return Promise.resolve('closing');
    if (this.latest > position) return Promise.resolve('changed');
    if (signal?.aborted) return Promise.resolve('aborted');
    if (this.held.size >= this.limit) throw new TooManyWaitersError(this.limit);
    return new Promise<WaitOutcome>((resolve) => {
      const timer = setTimeout(() => waiter.settle('timeout'), ms);
      const onAbort = () => waiter.settle('aborted');
      const waiter: Waiter = {
        after: position,
        settle: (outcome) => {
          if (!this.held.delete(waiter)) return;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      this.held.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Shutdown: every held poll answers now, and new ones are not held. */
  close(): void {
    this.closing = true;
    for (const waiter of this.held) waiter.settle('closing');
  }
}
