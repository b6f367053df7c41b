import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { cancelSlaTimerJobs, slaTimerJobs, type JobSpec } from '../queue/jobs.js';
import { BusinessCalendar } from './domain/business-calendar.js';
import { publicHolidayDates } from './domain/holidays.js';
import type { SlaState } from './domain/sla-state.js';
import {
  businessTimeToDecision,
  decidedState,
  dueTransitions,
  resumeClock,
  runningState,
  startClock,
  type SlaPolicy,
  type SlaTimes,
} from './domain/sla-clock.js';

/** What the SLA clock reads and writes on a request (the request's own fields, by shape). */
export interface SlaTracked {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly createdAt: Date;
  slaDueAt: Date;
  slaAtRiskAt: Date;
  slaState: SlaState;
  slaPausedAt: Date | null;
  slaPausedMs: number;
  businessMsToDecision: number | null;
}

/**
 * Applies the SLA clock (domain/sla-clock.ts) to requests, with the calendar the SLA_* variables
 * describe. Each method updates the request's SLA fields and answers the timer jobs to enqueue.
 */
@Injectable()
export class SlaService {
  readonly calendar: BusinessCalendar;
  readonly policy: SlaPolicy;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationsRepository,
  ) {
    const holiday = config.sla.holidayCountry ? publicHolidayDates(config.sla.holidayCountry) : () => false;
    const extra = new Set(config.sla.extraClosedDates);
    this.calendar = new BusinessCalendar({
      timezone: config.sla.timezone,
      workingHours: config.sla.workingHours,
      weekend: config.sla.weekend,
      isClosedDate: (date) => extra.has(date) || holiday(date),
    });
    this.policy = { businessDays: config.sla.businessDays, atRiskRatio: config.sla.atRiskRatio };
  }

  /** A new request's clock starts at filing. */
  start(request: SlaTracked, now: Date): JobSpec[] {
    const times = startClock(this.calendar, this.policy, now);
    request.slaDueAt = times.dueAt;
    request.slaAtRiskAt = times.atRiskAt;
    request.slaState = runningState(times, now);
    request.slaPausedAt = null;
    request.slaPausedMs = 0;
    return slaTimerJobs(request.id, times.atRiskAt, times.dueAt);
  }

  /**
   * Writes the at_risk/breached transitions due by `now` (each an audit event and a notice for the
   * review leads) and sets the state; the caller saves the request in the same transaction. Called
   * by the timers and the reconciler, and before every pause and after every resume, so that no
   * transition is skipped when a timer was late.
   */
  async advance(em: EntityManager, request: SlaTracked, now: Date): Promise<string[]> {
    const transitions = dueTransitions(request.slaState, timesOf(request), now);
    for (const to of transitions) {
      const from = request.slaState;
      request.slaState = to;
      const data = { dueAt: request.slaDueAt.toISOString(), atRiskAt: request.slaAtRiskAt.toISOString() };
      await this.audit.append(em, {
        requestId: request.id,
        tenantId: request.tenantId,
        type: `sla.${to}`,
        actor: { kind: 'system', userId: null },
        at: now,
        from,
        to,
        data,
      });
      await this.notifications.record(
        {
          kind: `sla.${to}`,
          audience: 'review_leads',
          tenantId: request.tenantId,
          requestId: request.id,
          dedupeKey: `sla.${to}:${request.id}:${request.slaDueAt.getTime()}`,
          payload: { requestId: request.id, title: request.title, ...data },
        },
        now,
        em,
      );
    }
    return transitions;
  }

  /** Waiting on the partner: what was due happens first, then the clock stops and its timers go. */
  async pause(em: EntityManager, request: SlaTracked, now: Date): Promise<JobSpec[]> {
    await this.advance(em, request, now);
    request.slaState = 'paused';
    request.slaPausedAt = now;
    return cancelSlaTimerJobs(request.id);
  }

  /** The partner answered: the due times move by the paused business time, and the clock runs on. */
  async resume(em: EntityManager, request: SlaTracked, now: Date): Promise<JobSpec[]> {
    const pausedAt = request.slaPausedAt ?? now;
    // The state the clock had when it stopped (everything due then was written before the pause).
    request.slaState = runningState(timesOf(request), pausedAt);
    const times = resumeClock(this.calendar, timesOf(request), pausedAt, now);
    request.slaPausedMs += this.calendar.businessTimeBetween(pausedAt, now);
    request.slaPausedAt = null;
    request.slaDueAt = times.dueAt;
    request.slaAtRiskAt = times.atRiskAt;
    await this.advance(em, request, now);
    return slaTimerJobs(request.id, times.atRiskAt, times.dueAt);
  }

  /** A decision stops the clock for good: met if in time, breached if late (what fell due first is written). */
  async stopAtDecision(em: EntityManager, request: SlaTracked, now: Date): Promise<JobSpec[]> {
    await this.advance(em, request, now);
    request.slaState = decidedState(timesOf(request), now);
    request.businessMsToDecision = businessTimeToDecision(this.calendar, request.createdAt, now, request.slaPausedMs);
    return cancelSlaTimerJobs(request.id);
  }

  /**
   * A withdrawal stops the clock for good: the promise was kept (met) unless it was broken first
   * (breached); a paused clock is judged as it stood when it stopped. No timers remain.
   */
  stop(request: SlaTracked, now: Date): JobSpec[] {
    const stoppedAt = request.slaPausedAt ?? now;
    request.slaState = runningState(timesOf(request), stoppedAt) === 'breached' ? 'breached' : 'met';
    request.slaPausedAt = null;
    return cancelSlaTimerJobs(request.id);
  }

  /** Business time left until the due time: frozen while paused, 0 once due, null once the clock has stopped. */
  remainingBusinessMs(request: SlaTracked & { readonly status: string }, now: Date): number | null {
    if (['approved', 'rejected', 'withdrawn'].includes(request.status)) return null;
    const from = request.slaPausedAt ?? now;
    return from.getTime() >= request.slaDueAt.getTime() ? 0 : this.calendar.businessTimeBetween(from, request.slaDueAt);
  }
}

export function timesOf(request: Pick<SlaTracked, 'slaDueAt' | 'slaAtRiskAt'>): SlaTimes {
  return { dueAt: request.slaDueAt, atRiskAt: request.slaAtRiskAt };
}
