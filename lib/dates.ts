/**
 * Athlete-local calendar days as ISO strings ("2026-03-29"), which is how intervals.icu names wellness days.
 *
 * Arithmetic works on the calendar date alone (UTC midnight, never local time), so a DST change can't shift a day.
 * Only `todayIn` touches a time zone: it asks which day it is *there* at a given instant.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, formatter);
  }
  return formatter;
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The date in `timeZone` (IANA name, e.g. the athlete's `timezone`) at instant `now`. An unknown or missing zone falls
 * back to the browser's own, which is the best guess left and better than failing the whole form.
 */
export function todayIn(timeZone: string | null | undefined, now: Date | number = Date.now()): IsoDate {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  const parts = formatterFor(zone).formatToParts(new Date(now));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return toUtcMs(value) !== undefined;
}

function toUtcMs(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  // Date.UTC maps years 0–99 to 1900s; setUTCFullYear keeps them literal.
  check.setUTCFullYear(y);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return check.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function requireMs(date: IsoDate): number {
  const ms = toUtcMs(date);
  if (ms === undefined) throw new RangeError(`Not an ISO date: ${date}`);
  return ms;
}

/** `date` moved by whole calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromUtcMs(requireMs(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((requireMs(to) - requireMs(from)) / DAY_MS);
}

/**
 * The day of an intervals.icu local date-time ("2026-01-01T00:00:00", no zone: `start_date_local`, event dates), or
 * null when there is none.
 */
export function isoDayOf(localDateTime: string | null | undefined): IsoDate | null {
  return localDateTime && /^\d{4}-\d{2}-\d{2}/.test(localDateTime) ? localDateTime.slice(0, 10) : null;
}
