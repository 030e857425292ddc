/** Calendar helpers in the athlete's IANA time zone (Intl only, no dependencies). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local wall-clock time minus UTC, in seconds, at `instant`. */
export function tzOffsetSecs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 1000);
}

/** "YYYY-MM-DDTHH:mm:ss" wall-clock time in `timeZone`. */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}T${pad(p.hour ?? 0)}:${pad(p.minute ?? 0)}:${pad(p.second ?? 0)}`;
}

/** "YYYY-MM-DD" in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return localDateTime(instant, timeZone).slice(0, 10);
}

/** The instant at which the wall clock in `timeZone` shows `local` ("YYYY-MM-DDTHH:mm:ss"). */
export function localToInstant(local: string, timeZone: string): Date {
  const naive = Date.parse(`${local}Z`);
  let guess = naive - tzOffsetSecs(new Date(naive), timeZone) * 1000;
  // A second pass settles DST transitions.
  guess = naive - tzOffsetSecs(new Date(guess), timeZone) * 1000;
  return new Date(guess);
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` ("YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ISO-8601 UTC without milliseconds, e.g. "2025-03-01T07:12:00Z" (an activity's `start_date`). */
export function isoUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A record's `updated` as intervals.icu writes it today: milliseconds and `+00:00`, "2025-05-25T08:10:00.827+00:00". */
export function icuTimestamp(instant: Date): string {
  return instant.toISOString().replace(/Z$/, '+00:00');
}

/** `updated` as older intervals.icu records carry it: no milliseconds and `+0000`, "2023-02-01T06:00:00+0000". */
export function icuLegacyTimestamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in "YYYY-MM-DD" form. */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}
