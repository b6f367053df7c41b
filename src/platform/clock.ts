/** The service's only source of "now", so that tests and domain code can be handed a time. */
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Now in epoch milliseconds, without allocating a Date (hot paths). */
  epochMs(): number {
    return Date.now();
  }
}
