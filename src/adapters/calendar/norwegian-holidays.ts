// Norwegian public holidays (helligdager) from date-holidays, as the set of dates the schedule skips.
import Holidays from 'date-holidays';
import type { Holidays as HolidaySet } from '../../domain/reminders.ts';

const calendar = new Holidays('NO');
const byYear = new Map<number, string[]>();

function year(y: number): string[] {
  let dates = byYear.get(y);
  if (!dates) {
    // Only public holidays: days off by law (1. mai and 17. mai included); not observances.
    dates = calendar
      .getHolidays(y)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10));
    byYear.set(y, dates);
  }
  return dates;
}

/** Public holidays of the years around a date: enough for any schedule computed on that day. */
export function norwegianHolidays(around: Date): HolidaySet {
  const y = around.getUTCFullYear();
  return new Set([...year(y - 1), ...year(y), ...year(y + 1)]);
}
