// Turning values into words: placeholders, plurals, dates as "20. januar 2027", periods as
// "1. kvartal 2026". Used by the tab, the bot's cards, the error catalogue and the PDF.
import { WORDS, type Locale, type Plural, type Words } from './index.ts';

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing value is left visible rather than silently dropped. */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The plural form for a count in a language, filled with the count and the other values. */
export function plural(locale: Locale, forms: Plural, count: number, vars: Vars = {}): string {
  const form = new Intl.PluralRules(WORDS[locale].meta.tag).select(count) === 'one' ? forms.one : forms.other;
  return fill(form, { ...vars, count });
}

const TIME_ZONE = 'Europe/Oslo';

/** A calendar date (YYYY-MM-DD) or an instant, as people write it: "20. januar 2027". */
export function formatDate(locale: Locale, value: string): string {
  // A bare date is a day, not an instant: read it at noon UTC so no time zone moves it a day.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(WORDS[locale].meta.tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(date);
}

/** An instant in Oslo time: "20. januar 2027 kl. 14:03". */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat(WORDS[locale].meta.tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(date);
  return fill(WORDS[locale].date.at, { date: formatDate(locale, iso), time });
}

/** A period as words: "2026", "1. kvartal 2026", "2. tertial 2026". */
export function periodName(locale: Locale, period: string): string {
  const m = /^(\d{4})(?:-([QT])([1-4]))?$/.exec(period);
  if (!m?.[1]) return period;
  const names = WORDS[locale].period;
  if (!m[2] || !m[3]) return fill(names.year, { year: m[1] });
  return fill(m[2] === 'Q' ? names.quarter : names.tertial, { n: m[3], year: m[1] });
}

/** Names as a sentence lists them: "deg og Ola Hansen", "Ola, Per og Silje". */
export function listOf(locale: Locale, names: readonly string[]): string {
  return new Intl.ListFormat(WORDS[locale].meta.tag, { type: 'conjunction' }).format(names);
}

/** An option of a rating: the shared scale's words where the option is on it, else the template's label. */
export function ratingLabel(locale: Locale, option: { id: string; label: string }): string {
  const scale: Record<string, string> = WORDS[locale].rating;
  return scale[option.id] ?? option.label;
}

export type { Locale, Words };

/** A number as a reader writes it ("7,5" in bokmål). */
export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(WORDS[locale].meta.tag, { maximumFractionDigits: 2 }).format(n);
}

/**
 * A planned date with its time of day on the Oslo wall clock, as people write it: "20. januar 2027
 * kl. 14.00", with the length when given. Without a time, the date alone.
 */
export function formatSchedule(
  locale: Locale,
  date: string,
  time: string | null,
  durationMinutes: number | null = null,
): string {
  const day = formatDate(locale, date);
  const m = time ? /^(\d{2}):(\d{2})$/.exec(time) : null;
  if (!m?.[1] || !m[2]) return day;
  const w = WORDS[locale].meeting;
  const clock = fill(w.time, { hours: m[1], minutes: m[2] });
  return durationMinutes
    ? fill(w.whenFor, { date: day, time: clock, minutes: durationMinutes })
    : fill(w.when, { date: day, time: clock });
}
