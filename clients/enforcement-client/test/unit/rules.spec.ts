import { describe, expect, it } from 'vitest';
import { backoffDelay, longPollWaitSeconds } from '../../src/backoff.js';
import { Freshness } from '../../src/freshness.js';
import { UsageBatch } from '../../src/usage-batch.js';

describe('backoff with full jitter', () => {
  const options = { baseMs: 100, capMs: 5_000 };

  it('waits anywhere from zero up to the exponential ceiling, never reaching it', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(5_000, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, options, () => 0)).toBe(0);
      expect(backoffDelay(attempt, options, () => 0.999999)).toBe(ceiling - 1);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, options);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('doubles the ceiling per failure up to the cap, however many failures', () => {
    const top = (attempt: number) => backoffDelay(attempt, options, () => 0.999999) + 1;
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1600, 3200, 5000]);
    expect(top(1_000)).toBe(5_000);
  });

  it('spreads retries (full jitter): the waits of one attempt are not all alike', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, options)));
    expect(delays.size).toBeGreaterThan(25);
  });
});

describe('long poll wait', () => {
  it('is shorter than staleAfterMs by at least a second, between 1 and 30 s', () => {
    expect(longPollWaitSeconds(5_000)).toBe(4);
    expect(longPollWaitSeconds(2_000)).toBe(1);
    expect(longPollWaitSeconds(2_999)).toBe(1);
    expect(longPollWaitSeconds(120_000)).toBe(30);
    for (let ms = 2_000; ms < 40_000; ms += 250) expect(longPollWaitSeconds(ms) * 1000).toBeLessThanOrEqual(ms - 1000);
  });
});

describe('the stale rule', () => {
  it('is not current before the first confirmation, and says nothing of staleness then', () => {
    const freshness = new Freshness(5_000);
    expect(freshness.isCurrent(Date.now())).toBe(false);
    expect(freshness.lagMs(Date.now())).toBeNull();
    expect(freshness.check(Date.now())).toBeNull();
  });

  it('is current for staleAfterMs after a confirmation, stale from then on', () => {
    const freshness = new Freshness(5_000);
    expect(freshness.confirm(1_000)).toBe('synced');
    expect(freshness.isCurrent(5_999)).toBe(true);
    expect(freshness.isCurrent(6_000)).toBe(false);
    expect(freshness.lagMs(2_500)).toBe(1_500);
    expect(freshness.staleAt()).toBe(6_000);
  });

  it('announces stale once when it goes stale, and synced once when confirmed again', () => {
    const freshness = new Freshness(5_000);
    freshness.confirm(0);
    expect(freshness.confirm(1_000)).toBeNull();
    expect(freshness.check(5_999)).toBeNull();
    expect(freshness.check(6_000)).toBe('stale');
    expect(freshness.check(9_000)).toBeNull();
    expect(freshness.confirm(9_500)).toBe('synced');
    expect(freshness.confirm(9_600)).toBeNull();
  });
});

describe('usage batch', () => {
  it('counts exempt answers per grant with the latest use', () => {
    const batch = new UsageBatch(10);
    batch.record('g1', 1_000);
    batch.record('g1', 3_000);
    batch.record('g1', 2_000);
    batch.record('g2', 500);
    expect(batch.take()).toEqual([
      { grantId: 'g1', count: 3, lastUsedAt: new Date(3_000).toISOString() },
      { grantId: 'g2', count: 1, lastUsedAt: new Date(500).toISOString() },
    ]);
    expect(batch.take()).toEqual([]);
  });

  it('merges a batch that could not be sent into what was counted meanwhile', () => {
    const batch = new UsageBatch(10);
    batch.record('g1', 1_000);
    const failed = batch.take();
    batch.record('g1', 2_000);
    batch.restore(failed);
    expect(batch.take()).toEqual([{ grantId: 'g1', count: 2, lastUsedAt: new Date(2_000).toISOString() }]);
  });

  it('holds at most maxGrants grants and counts what it drops', () => {
    const batch = new UsageBatch(2);
    for (const id of ['a', 'b', 'c', 'c']) batch.record(id, 1);
    expect(batch.size).toBe(2);
    expect(batch.dropped).toBe(2);
    batch.restore([{ grantId: 'd', count: 5, lastUsedAt: new Date(1).toISOString() }]);
    expect(batch.dropped).toBe(7);
  });
});
