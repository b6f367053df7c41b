// Timing rules of the follower, pure so that their bounds can be tested.

export interface BackoffOptions {
  /** The first retry's ceiling. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, capMs: 5_000 };

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base·2^attempt)). The jitter
 * spreads the reconnects of many enforcement instances after an outage instead of synchronising them.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The shortest staleAfterMs accepted: room for a one-second long poll and its round trip. */
export const MIN_STALE_AFTER_MS = 2_000;

/**
 * How long the service may hold a poll (seconds). The service answers within `wait`, so a wait
 * shorter than staleAfterMs means a healthy connection always confirms the copy before it goes stale.
 */
export function longPollWaitSeconds(staleAfterMs: number): number {
  return Math.max(1, Math.min(30, Math.floor(staleAfterMs / 1000) - 1));
}
