// Working time of the review team: an IANA time zone (daylight-saving changes included), working
// hours, weekend days, closed dates (public holidays, extra closures). Plain TypeScript; every
// function takes the instants it works on, so nothing here reads the clock.
//
// Working time is a set of windows, one per working day: [day at start-of-hours, day at end-of-hours)
// in local time, turned into instants. Adding and measuring both walk the same windows, so adding
// a duration and then measuring it gives the duration back, even across a daylight-saving change.

export interface CalendarSpec {
  readonly timezone: string;
  /** minutes after local midnight; end 1440 means the end of the day */
  readonly workingHours: { readonly start: number; readonly end: number };
  /** 0 = Sunday … 6 = Saturday */
  readonly weekend: readonly number[];
  /** true for a local date (YYYY-MM-DD) that is closed: a public holiday or an extra closure */
  readonly isClosedDate: (date: string) => boolean;
}

export interface LocalDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** More consecutive closed days than any real calendar has: a guard against a calendar with none. */
const MAX_DAYS_SCANNED = 5 * 366;

export class BusinessCalendar {
  private readonly parts: Intl.DateTimeFormat;
  private readonly windowCache = new Map<string, readonly [number, number] | null>();
  /** Offset (ms) per UTC hour number; null for an hour in which the offset changes. */
  private readonly offsetCache = new Map<number, number | null>();

  constructor(readonly spec: CalendarSpec) {
    if (spec.weekend.length >= 7) throw new Error('a calendar needs at least one working week day');
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: spec.timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The length of a full working day, nominally (the target is counted in these). */
  get workingDayMs(): number {
    return (this.spec.workingHours.end - this.spec.workingHours.start) * MINUTE;
  }

  /** The instant at which `durationMs` of working time has passed since `start`. */
  addBusinessTime(start: Date, durationMs: number): Date {
    if (durationMs < 0) throw new RangeError('durationMs must not be negative');
    if (durationMs === 0) return new Date(start.getTime());
    let remaining = durationMs;
    let date = this.localDateOf(start);
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, date = nextDate(date)) {
      const window = this.windowOf(date);
      if (!window) continue;
      const from = Math.max(window[0], start.getTime());
      if (from >= window[1]) continue;
      const available = window[1] - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    throw new Error('no working time found within five years: check the calendar');
  }

  /** Working time between two instants (0 when `to` is not after `from`). */
  businessTimeBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    let total = 0;
    const last = this.localDateOf(to);
    for (let date = this.localDateOf(from); compareDates(date, last) <= 0; date = nextDate(date)) {
      const window = this.windowOf(date);
      if (!window) continue;
      const start = Math.max(window[0], from.getTime());
      const end = Math.min(window[1], to.getTime());
      if (end > start) total += end - start;
    }
    return total;
  }

  /** Whether an instant lies in working time (window ends included: a due time may be 17:00). */
  isWorkingTime(instant: Date): boolean {
    const window = this.windowOf(this.localDateOf(instant));
    const t = instant.getTime();
    if (window && t >= window[0] && t <= window[1]) return true;
    // 00:00 may close the previous day's window when working hours run to 24:00.
    const previous = this.windowOf(previousDate(this.localDateOf(instant)));
    return !!previous && t === previous[1];
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.windowOf(date) !== null;
  }

  /** The local wall-clock fields of an instant in the calendar's time zone (to the second). */
  localTimeOf(instant: Date): LocalDate & { hour: number; minute: number; second: number } {
    return this.localParts(instant.getTime());
  }

  /** The local calendar date of an instant in the calendar's time zone. */
  localDateOf(instant: Date): LocalDate {
    const p = this.localParts(instant.getTime());
    return { year: p.year, month: p.month, day: p.day };
  }

  /** The working window of a local date as [start, end) instants, or null on a closed day. */
  private windowOf(date: LocalDate): readonly [number, number] | null {
    const key = formatDate(date);
    const cached = this.windowCache.get(key);
    if (cached !== undefined) return cached;
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    const window =
      this.spec.weekend.includes(weekday) || this.spec.isClosedDate(key)
        ? null
        : ([this.instantOf(date, this.spec.workingHours.start), this.instantOf(date, this.spec.workingHours.end)] as const);
    if (this.windowCache.size > 4000) this.windowCache.clear();
    this.windowCache.set(key, window);
    return window;
  }

  /**
   * The instant of a local wall-clock time, resolved as Temporal's "compatible" rule does: a time
   * that exists twice (autumn change) is the earlier one; a time skipped by a spring change moves
   * forward by the gap (02:30 on the morning clocks jump from 02:00 to 03:00 is 03:30).
   */
  instantOf(date: LocalDate, minutes: number): number {
    const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
    const before = wall - this.offsetAt(wall - 86_400_000);
    const after = wall - this.offsetAt(wall + 86_400_000);
    const valid = [before, after].filter((t) => this.wallTimeOf(t) === wall);
    if (valid.length > 0) return Math.min(...valid);
    return before;
  }

  /** The zone's offset from UTC at an instant, in milliseconds. */
  private offsetAt(instant: number): number {
    return this.wallTimeOf(instant) - Math.floor(instant / 1000) * 1000;
  }

  /** The local wall-clock time of an instant, expressed as if it were UTC (ms precision to the second). */
  private wallTimeOf(instant: number): number {
    const p = this.localParts(instant);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  }

  /**
   * The local wall-clock fields of an instant. Intl's formatToParts is the reference but costs
   * microseconds per call, and every filing asks it several times; so the zone's offset is kept per
   * hour (offsets never change twice within one), checked at both ends of the hour when first seen,
   * and Intl is asked directly only within an hour that holds a change.
   */
  private localParts(instant: number) {
    const offset = this.zoneOffset(instant);
    const wall = new Date(instant - mod(instant, 1000) + offset);
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    };
  }

  private zoneOffset(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    let offset = this.offsetCache.get(hour);
    if (offset === undefined) {
      const first = this.exactOffset(hour * HOUR);
      offset = first === this.exactOffset((hour + 1) * HOUR - 1000) ? first : null;
      if (this.offsetCache.size > 20_000) this.offsetCache.clear();
      this.offsetCache.set(hour, offset);
    }
    return offset ?? this.exactOffset(instant);
  }

  /** Local wall time minus UTC at `instant` (to the second), from Intl. */
  private exactOffset(instant: number): number {
    const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.parts.formatToParts(instant)) {
      if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
    }
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (instant - mod(instant, 1000));
  }
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

export function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function nextDate(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function previousDate(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
