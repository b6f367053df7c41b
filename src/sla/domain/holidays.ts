import Holidays from 'date-holidays';

/**
 * Public holidays of a country, as local dates (YYYY-MM-DD), from the maintained `date-holidays`
 * data (substitute days included). Only holidays of type "public" close the review team; bank,
 * school and optional days do not.
 */
export function publicHolidayDates(country: string): (date: string) => boolean {
  const calendar = new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (date) => {
    const year = Number(date.slice(0, 4));
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Set(
        calendar
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      byYear.set(year, dates);
    }
    return dates.has(date);
  };
}
