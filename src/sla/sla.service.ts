import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { cancelSlaTimerJobs, slaTimerJobs, type JobSpec } from '../queue/jobs.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { BusinessCalendar } from './domain/business-calendar.js';
import { publicHolidayDates } from './domain/holidays.js';
import { businessTimeToDecision, decidedState, resumeClock, runningState, startClock, type SlaPolicy, type SlaTimes } from './domain/sla-clock.js';

/**
 * Applies the SLA clock (domain/sla-clock.ts) to requests, with the calendar the SLA_* variables
 * describe. Each method updates the request's SLA fields and answers the timer jobs to enqueue.
 */
@Injectable()
export class SlaService {
  readonly calendar: BusinessCalendar;
  readonly policy: SlaPolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
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
  start(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    const times = startClock(this.calendar, this.policy, now);
    request.slaDueAt = times.dueAt;
    request.slaAtRiskAt = times.atRiskAt;
    request.slaState = runningState(times, now);
    request.slaPausedAt = null;
    request.slaPausedMs = 0;
    return slaTimerJobs(request.id, times.atRiskAt, times.dueAt);
  }

  /** Waiting on the partner: the clock stops and its timers are cancelled. */
  pause(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    request.slaState = 'paused';
    request.slaPausedAt = now;
    return cancelSlaTimerJobs(request.id);
  }

  /** The partner answered: the due times move by the paused business time. */
  resume(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    const pausedAt = request.slaPausedAt ?? now;
    const times = resumeClock(this.calendar, timesOf(request), pausedAt, now);
    request.slaPausedMs += this.calendar.businessTimeBetween(pausedAt, now);
    request.slaPausedAt = null;
    request.slaDueAt = times.dueAt;
    request.slaAtRiskAt = times.atRiskAt;
    request.slaState = runningState(times, now);
    return slaTimerJobs(request.id, times.atRiskAt, times.dueAt);
  }

  /** A decision stops the clock for good: met if in time, breached if late. */
  decide(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    request.slaState = decidedState(timesOf(request), now);
    request.businessMsToDecision = businessTimeToDecision(this.calendar, request.createdAt, now, request.slaPausedMs);
    return cancelSlaTimerJobs(request.id);
  }

  /** A withdrawn request needs no timers; its SLA state stays as it was. */
  stop(request: ExceptionRequestEntity): JobSpec[] {
    return cancelSlaTimerJobs(request.id);
  }
}

export function timesOf(request: Pick<ExceptionRequestEntity, 'slaDueAt' | 'slaAtRiskAt'>): SlaTimes {
  return { dueAt: request.slaDueAt, atRiskAt: request.slaAtRiskAt };
}
