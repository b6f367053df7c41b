import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type CalendarSpec } from '../../src/sla/domain/business-calendar.js';
import { publicHolidayDates } from '../../src/sla/domain/holidays.js';
import { resumeClock, startClock } from '../../src/sla/domain/sla-clock.js';

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);

function calendar(overrides: Partial<CalendarSpec> & { holidays?: string } = {}): BusinessCalendar {
  const { holidays = 'US', ...spec } = overrides;
  const publicHoliday = holidays ? publicHolidayDates(holidays) : () => false;
  return new BusinessCalendar({
    timezone: 'UTC',
    workingHours: { start: 9 * 60, end: 17 * 60 },
    weekend: [6, 0],
    isClosedDate: publicHoliday,
    ...spec,
  });
}

const threeDays = (c: BusinessCalendar) => 3 * c.workingDayMs;

describe('business calendar: worked examples (UTC, 09:00-17:00, Sat/Sun off, US holidays)', () => {
  const c = calendar();

  it('a Friday-afternoon submission is due mid-Wednesday: Fri 2h + Mon 8h + Tue 8h + Wed 6h', () => {
    expect(c.addBusinessTime(at('2026-11-20T15:00:00Z'), threeDays(c)).toISOString()).toBe('2026-11-25T15:00:00.000Z');
  });

  it('a Saturday submission starts counting on Monday at 09:00', () => {
    expect(c.addBusinessTime(at('2026-11-21T10:00:00Z'), threeDays(c)).toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });

  it('a submission on Thanksgiving (a US public holiday) starts counting the next morning', () => {
    expect(c.addBusinessTime(at('2026-11-26T10:00:00Z'), threeDays(c)).toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });

  it('an evening submission starts the next working morning, and skips a holiday on the way', () => {
    // Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27.
    expect(c.addBusinessTime(at('2026-11-23T20:00:00Z'), threeDays(c)).toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it('skips the Independence Day substitute holiday (Friday 3 July 2026)', () => {
    expect(c.addBusinessTime(at('2026-07-02T16:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-07-06T10:00:00.000Z');
  });

  it('closes extra closure dates as well', () => {
    const closed = calendar({ isClosedDate: (d) => d === '2026-11-23' });
    expect(closed.addBusinessTime(at('2026-11-20T16:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('measures business time between two instants, weekends and nights excluded', () => {
    expect(c.businessTimeBetween(at('2026-11-20T15:00:00Z'), at('2026-11-23T11:00:00Z'))).toBe(4 * HOUR);
    expect(c.businessTimeBetween(at('2026-11-21T00:00:00Z'), at('2026-11-22T23:59:59Z'))).toBe(0);
    expect(c.businessTimeBetween(at('2026-11-23T12:00:00Z'), at('2026-11-23T10:00:00Z'))).toBe(0);
  });
});

describe('business calendar: Japan (Asia/Tokyo, JP holidays)', () => {
  it('skips Showa Day and Golden Week, counting in Tokyo working hours', () => {
    const c = calendar({ timezone: 'Asia/Tokyo', holidays: 'JP' });
    // Tue 28 Apr 10:00 JST: Tue 7h, (Wed 29 Showa Day), Thu 8h, Fri 8h, (Sat-Wed 2-6 May: weekend, Constitution
    // Day, Greenery Day, Children's Day, substitute holiday), Thu 7 May 1h → 10:00 JST = 01:00Z.
    expect(c.addBusinessTime(at('2026-04-28T01:00:00Z'), threeDays(c)).toISOString()).toBe('2026-05-07T01:00:00.000Z');
  });
});

describe('business calendar: daylight-saving changes in America/Los_Angeles', () => {
  const la = calendar({ timezone: 'America/Los_Angeles' });
  const laAllDay = calendar({ timezone: 'America/Los_Angeles', workingHours: { start: 0, end: 1440 }, weekend: [], holidays: '' });

  it('keeps 09:00-17:00 local across the spring change (8 March 2026)', () => {
    // Fri 6 Mar 16:00 PST (00:00Z) + 8h: Fri 1h, Mon 9 Mar 09:00 PDT + 7h = 16:00 PDT = 23:00Z.
    expect(la.addBusinessTime(at('2026-03-07T00:00:00Z'), 8 * HOUR).toISOString()).toBe('2026-03-09T23:00:00.000Z');
  });

  it('keeps 09:00-17:00 local across the autumn change (1 November 2026)', () => {
    // Fri 30 Oct 16:00 PDT (23:00Z) + 8h: Fri 1h, Mon 2 Nov 09:00 PST + 7h = 16:00 PST = 00:00Z on the 3rd.
    expect(la.addBusinessTime(at('2026-10-30T23:00:00Z'), 8 * HOUR).toISOString()).toBe('2026-11-03T00:00:00.000Z');
  });

  it('counts the 23-hour spring day and the 25-hour autumn day as the hours they really have', () => {
    expect(laAllDay.addBusinessTime(at('2026-03-07T20:00:00Z'), 24 * HOUR).toISOString()).toBe('2026-03-08T20:00:00.000Z');
    expect(laAllDay.addBusinessTime(at('2026-10-31T19:00:00Z'), 24 * HOUR).toISOString()).toBe('2026-11-01T19:00:00.000Z');
    expect(laAllDay.businessTimeBetween(at('2026-03-08T08:00:00Z'), at('2026-03-09T07:00:00Z'))).toBe(23 * HOUR);
    expect(laAllDay.businessTimeBetween(at('2026-11-01T07:00:00Z'), at('2026-11-02T08:00:00Z'))).toBe(25 * HOUR);
  });

  it('resolves a skipped wall time forward and a repeated one to the earlier instant', () => {
    expect(new Date(la.instantOf({ year: 2026, month: 3, day: 8 }, 150)).toISOString()).toBe('2026-03-08T10:30:00.000Z'); // 02:30 → 03:30 PDT
    expect(new Date(la.instantOf({ year: 2026, month: 11, day: 1 }, 90)).toISOString()).toBe('2026-11-01T08:30:00.000Z'); // 01:30 PDT
  });
});

describe('SLA clock', () => {
  const c = calendar();
  const policy = { businessDays: 3, atRiskRatio: 0.75 };

  it('sets the due time and the at-risk time from submission', () => {
    const times = startClock(c, policy, at('2026-11-19T09:00:00Z'));
    expect(times.dueAt.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(times.atRiskAt.toISOString()).toBe('2026-11-23T11:00:00.000Z'); // 18 of 24 hours
  });

  it('moves the due time by the paused business time after a pause over a weekend', () => {
    const times = startClock(c, policy, at('2026-11-19T09:00:00Z'));
    // Paused Fri 13:00 to Mon 11:00: Fri 4h + Mon 2h = 6 business hours.
    const resumed = resumeClock(c, times, at('2026-11-20T13:00:00Z'), at('2026-11-23T11:00:00Z'));
    expect(resumed.dueAt.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(resumed.atRiskAt.toISOString()).toBe('2026-11-23T17:00:00.000Z'); // Mon 11:00 + 6h
  });

  it('is due about 8.6 s after filing with a whole-day calendar and 0.0001 days', () => {
    const fast = calendar({ workingHours: { start: 0, end: 1440 }, weekend: [], holidays: '' });
    const times = startClock(fast, { businessDays: 0.0001, atRiskRatio: 0.75 }, at('2026-11-21T10:00:00Z'));
    expect(times.dueAt.getTime() - at('2026-11-21T10:00:00Z').getTime()).toBe(8640);
  });
});

describe('business calendar: properties', () => {
  const zones = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin', 'Australia/Sydney', 'America/Sao_Paulo'];
  const specs = fc.record({
    timezone: fc.constantFrom(...zones),
    start: fc.integer({ min: 0, max: 23 }),
    length: fc.integer({ min: 1, max: 24 }),
    weekend: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 5 }),
    holidays: fc.constantFrom('', 'US', 'JP', 'DE'),
  });
  // Calendars are built once per shape: their time-zone formatter and day cache are the costly part.
  const built = new Map<string, BusinessCalendar>();
  const build = (s: { timezone: string; start: number; length: number; weekend: number[]; holidays: string }) => {
    const key = JSON.stringify(s);
    if (!built.has(key)) {
      built.set(
        key,
        calendar({
          timezone: s.timezone,
          workingHours: { start: s.start * 60, end: Math.min(1440, (s.start + s.length) * 60) },
          weekend: s.weekend,
          holidays: s.holidays,
        }),
      );
    }
    return built.get(key)!;
  };
  const instants = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((t) => new Date(t));
  const durations = fc.integer({ min: 1, max: 10 * 24 * HOUR });

  it('gives back the duration: measure(start, add(start, d)) = d', () => {
    fc.assert(
      fc.property(specs, instants, durations, (spec, start, duration) => {
        const c = build(spec);
        expect(c.businessTimeBetween(start, c.addBusinessTime(start, duration))).toBe(duration);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('always lands in working time', () => {
    fc.assert(
      fc.property(specs, instants, durations, (spec, start, duration) => {
        const c = build(spec);
        expect(c.isWorkingTime(c.addBusinessTime(start, duration))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(
        specs,
        instants,
        fc.integer({ min: 0, max: 5 * 24 * HOUR }),
        durations,
        fc.integer({ min: 0, max: 24 * HOUR }),
        (spec, start, later, duration, more) => {
          const c = build(spec);
          const a = c.addBusinessTime(start, duration).getTime();
          expect(c.addBusinessTime(new Date(start.getTime() + later), duration).getTime()).toBeGreaterThanOrEqual(a);
          expect(c.addBusinessTime(start, duration + more).getTime()).toBeGreaterThanOrEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('business calendar: local times from the cached zone offset agree with Intl', () => {
  // The calendar keeps one offset per hour and asks Intl only within an hour that holds a change;
  // here every 7 minutes around changes (whole-hour, half-hour and southern-hemisphere ones) is
  // compared with Intl's own answer.
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
  for (const timezone of zones) {
    it(`matches Intl in ${timezone}`, () => {
      const zoned = calendar({ timezone });
      const reference = new Intl.DateTimeFormat('sv-SE', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      const two = (n: number) => String(n).padStart(2, '0');
      for (const around of [
        Date.UTC(2026, 2, 8),
        Date.UTC(2026, 2, 29),
        Date.UTC(2026, 3, 5),
        Date.UTC(2026, 9, 4),
        Date.UTC(2026, 10, 1),
      ]) {
        for (let instant = around - 36 * 3_600_000; instant < around + 36 * 3_600_000; instant += 7 * 60_000 + 13_000) {
          const t = zoned.localTimeOf(new Date(instant));
          const local = `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
          expect(local, `${timezone} at ${new Date(instant).toISOString()}`).toBe(reference.format(instant));
        }
      }
    });
  }
});
