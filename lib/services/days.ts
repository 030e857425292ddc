/** Calendar days as intervals.icu uses them: ISO "YYYY-MM-DD" in the athlete's own time zone. */

/** The ISO day of `at` in `timeZone` (IANA); the browser's zone when it is missing or unknown. */
export function isoDayIn(timeZone: string | null | undefined, at: Date): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || undefined,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    return isoDayIn(undefined, at); // RangeError: unknown time zone
  }
  const part = (type: string) => format.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `isoDay` moved by `days` (negative goes back). */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
