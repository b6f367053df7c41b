import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/sla/domain/business-calendar.js';
import { businessTimeToDecision, decidedState, dueTransitions, resumeClock, runningState } from '../../src/sla/domain/sla-clock.js';

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);
// Due Wednesday 25 Nov 15:00, at risk Wednesday 09:00 (the README's worked example).
const TIMES = { atRiskAt: at('2026-11-25T09:00:00Z'), dueAt: at('2026-11-25T15:00:00Z') };
const calendar = new BusinessCalendar({
  timezone: 'UTC',
  workingHours: { start: 9 * 60, end: 17 * 60 },
  weekend: [6, 0],
  isClosedDate: () => false,
});

describe('SLA clock: the state of a running request', () => {
  it('is on track before the at-risk time, at risk from it, breached from the due time', () => {
    expect(runningState(TIMES, at('2026-11-25T08:59:59Z'))).toBe('on_track');
    expect(runningState(TIMES, at('2026-11-25T09:00:00Z'))).toBe('at_risk');
    expect(runningState(TIMES, at('2026-11-25T14:59:59Z'))).toBe('at_risk');
    expect(runningState(TIMES, at('2026-11-25T15:00:00Z'))).toBe('breached');
  });
});

describe('SLA clock: the transitions due at a moment', () => {
  it('writes nothing while the request is on track', () => {
    expect(dueTransitions('on_track', TIMES, at('2026-11-24T10:00:00Z'))).toEqual([]);
  });

  it('turns at risk once the at-risk time has come', () => {
    expect(dueTransitions('on_track', TIMES, at('2026-11-25T09:00:00Z'))).toEqual(['at_risk']);
  });

  it('goes through at risk before breached when found late, so each event is written once and in order', () => {
    expect(dueTransitions('on_track', TIMES, at('2026-11-26T09:00:00Z'))).toEqual(['at_risk', 'breached']);
  });

  it('writes only the breach when at risk was written already', () => {
    expect(dueTransitions('at_risk', TIMES, at('2026-11-25T15:00:00Z'))).toEqual(['breached']);
    expect(dueTransitions('at_risk', TIMES, at('2026-11-25T10:00:00Z'))).toEqual([]);
  });

  it('writes nothing for a clock that is paused, met or breached already', () => {
    for (const state of ['paused', 'met', 'breached'] as const) {
      expect(dueTransitions(state, TIMES, at('2026-12-31T00:00:00Z'))).toEqual([]);
    }
  });
});

describe('SLA clock: a decision', () => {
  it('meets the target when decided by the due time, to the millisecond, and breaches it after', () => {
    expect(decidedState(TIMES, at('2026-11-25T15:00:00Z'))).toBe('met');
    expect(decidedState(TIMES, at('2026-11-20T15:00:00Z'))).toBe('met');
    expect(decidedState(TIMES, at('2026-11-25T15:00:00.001Z'))).toBe('breached');
  });

  it('counts business time to the decision without the time spent waiting on the partner', () => {
    // Friday 15:00 to Monday 11:00: 2 + 2 working hours; 1 of them was paused.
    expect(businessTimeToDecision(calendar, at('2026-11-20T15:00:00Z'), at('2026-11-23T11:00:00Z'), HOUR)).toBe(3 * HOUR);
    expect(businessTimeToDecision(calendar, at('2026-11-20T15:00:00Z'), at('2026-11-20T15:30:00Z'), HOUR)).toBe(0);
  });
});

describe('SLA clock: a pause', () => {
  it('moves the instants still ahead by the business time the pause lasted, and leaves those passed alone', () => {
    // Paused Wednesday 10:00 (at risk already passed), answered Thursday 10:00: 8 working hours.
    const resumed = resumeClock(calendar, TIMES, at('2026-11-25T10:00:00Z'), at('2026-11-26T10:00:00Z'));
    expect(resumed.atRiskAt.toISOString()).toBe(TIMES.atRiskAt.toISOString());
    expect(resumed.dueAt.toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('moves nothing for a pause outside working time', () => {
    const resumed = resumeClock(calendar, TIMES, at('2026-11-21T10:00:00Z'), at('2026-11-22T18:00:00Z'));
    expect(resumed).toEqual(TIMES);
  });
});
