// The three-business-day clock of one request, in business time. Plain functions over instants:
// the caller passes `now` and the calendar.

import type { BusinessCalendar } from './business-calendar.js';
import type { SlaState } from './sla-state.js';

export interface SlaPolicy {
  /** The target, in business days (a decimal). */
  readonly businessDays: number;
  /** Share of the target after which a request is at risk. */
  readonly atRiskRatio: number;
}

export interface SlaTimes {
  readonly dueAt: Date;
  readonly atRiskAt: Date;
}

/** Due and at-risk instants of a clock that starts at `startedAt` with the whole target ahead. */
export function startClock(calendar: BusinessCalendar, policy: SlaPolicy, startedAt: Date): SlaTimes {
  const target = policy.businessDays * calendar.workingDayMs;
  return {
    dueAt: calendar.addBusinessTime(startedAt, target),
    atRiskAt: calendar.addBusinessTime(startedAt, target * policy.atRiskRatio),
  };
}

/**
 * The clock after a pause from `pausedAt` to `resumedAt`: each instant still ahead at the pause moves
 * later by the business time the pause lasted, so the partner's time does not count.
 */
export function resumeClock(calendar: BusinessCalendar, times: SlaTimes, pausedAt: Date, resumedAt: Date): SlaTimes {
  const paused = calendar.businessTimeBetween(pausedAt, resumedAt);
  const shift = (instant: Date) => (instant.getTime() > pausedAt.getTime() ? calendar.addBusinessTime(instant, paused) : instant);
  return { dueAt: shift(times.dueAt), atRiskAt: shift(times.atRiskAt) };
}

/** The state of an undecided, running clock at `now`. */
export function runningState(times: SlaTimes, now: Date): SlaState {
  if (now.getTime() >= times.dueAt.getTime()) return 'breached';
  if (now.getTime() >= times.atRiskAt.getTime()) return 'at_risk';
  return 'on_track';
}

/** The final state when a decision lands at `decidedAt`. */
export function decidedState(times: SlaTimes, decidedAt: Date): SlaState {
  return decidedAt.getTime() <= times.dueAt.getTime() ? 'met' : 'breached';
}

/** Business time from the start of the clock to the decision, paused time excluded. */
export function businessTimeToDecision(calendar: BusinessCalendar, startedAt: Date, decidedAt: Date, pausedBusinessMs: number): number {
  return Math.max(0, calendar.businessTimeBetween(startedAt, decidedAt) - pausedBusinessMs);
}

/**
 * The SLA transitions due at `now` for an undecided, running request, in order: a request found
 * late by the reconciler goes through at_risk before breached, so each event is written once.
 */
export function dueTransitions(current: SlaState, times: SlaTimes, now: Date): ('at_risk' | 'breached')[] {
  if (current !== 'on_track' && current !== 'at_risk') return [];
  const target = runningState(times, now);
  if (target === 'breached') return current === 'on_track' ? ['at_risk', 'breached'] : ['breached'];
  if (target === 'at_risk' && current === 'on_track') return ['at_risk'];
  return [];
}
