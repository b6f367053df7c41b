// When a failed delivery is tried again: exponential backoff from WEBHOOK_RETRY_BASE_MS, doubling,
// for WEBHOOK_MAX_ATTEMPTS attempts in all (by default 12 attempts from 1 minute: the last one about
// 34 hours after the first), then the delivery is failed. BullMQ applies the same schedule.

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
}

/** The wait after the `attempt`-th attempt (1-based) failed, or null when it was the last. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number | null {
  return attempt >= policy.maxAttempts ? null : policy.baseMs * 2 ** (attempt - 1);
}

/** From the first attempt to the last, when every attempt fails. */
export function retrySpanMs(policy: RetryPolicy): number {
  return policy.baseMs * (2 ** (policy.maxAttempts - 1) - 1);
}
