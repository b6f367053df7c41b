import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedWaiters, TooManyWaitersError } from '../../src/enforcement/domain/feed-waiters.js';

describe('FeedWaiters (long polls on the grant feed)', () => {
  afterEach(() => vi.useRealTimers());

  it('releases a waiter when the feed moves past its position, not before', async () => {
    const waiters = new FeedWaiters(10);
    waiters.advanced('5');
    const waiting = waiters.wait('5', 60_000);
    waiters.advanced('5');
    expect(waiters.heldCount).toBe(1);
    waiters.advanced('6');
    expect(await waiting).toBe('changed');
    expect(waiters.heldCount).toBe(0);
    // Positions compare as numbers: 12 is past 9.
    const nine = waiters.wait('9', 60_000);
    waiters.advanced('12');
    expect(await nine).toBe('changed');
  });

  it('answers at once when the feed is already past the position', async () => {
    const waiters = new FeedWaiters(10);
    waiters.advanced('12');
    expect(await waiters.wait('11', 60_000)).toBe('changed');
    // Compared as numbers, not strings: "9" < "12".
    expect(await waiters.wait('9', 60_000)).toBe('changed');
  });

  it('ends the wait after its time', async () => {
    vi.useFakeTimers();
    const waiters = new FeedWaiters(10);
    const waiting = waiters.wait('1', 2_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(waiters.heldCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBe('timeout');
  });

  it('lets go of a caller that aborted', async () => {
    const waiters = new FeedWaiters(10);
    const controller = new AbortController();
    const waiting = waiters.wait('1', 60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe('aborted');
    expect(waiters.heldCount).toBe(0);
  });

  it('holds at most its limit, and refuses the next', async () => {
    const waiters = new FeedWaiters(2);
    const held = [waiters.wait('1', 60_000), waiters.wait('1', 60_000)];
    expect(() => waiters.wait('1', 60_000)).toThrow(TooManyWaitersError);
    waiters.advanced('2');
    await Promise.all(held);
    expect(waiters.heldCount).toBe(0);
    await expect(Promise.race([waiters.wait('1', 60_000)])).resolves.toBe('changed');
  });

  it('answers every held wait at shutdown and holds none after it', async () => {
    const waiters = new FeedWaiters(10);
    const waiting = waiters.wait('1', 60_000);
    waiters.close();
    expect(await waiting).toBe('closing');
    expect(await waiters.wait('1', 60_000)).toBe('closing');
    expect(waiters.heldCount).toBe(0);
  });
});
