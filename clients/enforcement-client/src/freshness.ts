// The fail-closed rule: the copy is trusted only while a poll answer confirmed it within staleAfterMs.

export type FreshnessChange = 'synced' | 'stale' | null;

export class Freshness {
  /** When an answer last confirmed that the copy holds every change (epoch ms); never yet: -Infinity. */
  private confirmedAt = -Infinity;
  /** What listeners were last told, so that each event fires once per change of state. */
  private announced: 'synced' | 'stale' | 'never' = 'never';

  constructor(readonly staleAfterMs: number) {}

  isCurrent(now: number): boolean {
    return now - this.confirmedAt < this.staleAfterMs;
  }

  /** Milliseconds since the last confirmation, or null before the first. */
  lagMs(now: number): number | null {
    return this.confirmedAt === -Infinity ? null : now - this.confirmedAt;
  }

  /** When the copy goes stale unless confirmed again. */
  staleAt(): number {
    return this.confirmedAt + this.staleAfterMs;
  }

  /** A poll answer confirmed the copy: answers 'synced' when listeners should hear it. */
  confirm(now: number): FreshnessChange {
    this.confirmedAt = now;
    if (this.announced === 'synced') return null;
    this.announced = 'synced';
    return 'synced';
  }

  /** Checked when the stale deadline passes: answers 'stale' once per loss of freshness. */
  check(now: number): FreshnessChange {
    if (this.announced !== 'synced' || this.isCurrent(now)) return null;
    this.announced = 'stale';
    return 'stale';
  }
}
