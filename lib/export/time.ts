/**
 * Time and pace text for CSV cells. Durations are written as h:mm:ss with the hours always present ("0:20:07"), which
 * spreadsheets read as a duration; "20:07" would be read as 20 hours 7 minutes. Pure.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 1207.4 → "0:20:07"; 90061 → "25:01:01". Rounds to the second; negative or non-finite → empty. */
export function hms(totalSecs: number | null | undefined): string {
  if (totalSecs === null || totalSecs === undefined || !Number.isFinite(totalSecs) || totalSecs < 0) return '';
  const secs = Math.round(totalSecs);
  return `${Math.floor(secs / 3600)}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}`;
}

/** A pace in seconds per unit → "m:ss" (275 → "4:35"); empty when not finite or not positive. */
export function paceText(secsPerUnit: number | null | undefined): string {
  if (secsPerUnit === null || secsPerUnit === undefined || !Number.isFinite(secsPerUnit) || secsPerUnit <= 0) {
    return '';
  }
  const secs = Math.round(secsPerUnit);
  return `${Math.floor(secs / 60)}:${pad2(secs % 60)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * intervals.icu's `start_date_local` ("2024-05-01T07:30:00", wall clock, no zone) plus some seconds, as
 * "YYYY-MM-DD HH:MM:SS" (a form spreadsheets read as a date-time). Wall-clock arithmetic: a daylight-saving change
 * during the activity is not applied. Empty when the start cannot be read.
 */
export function localPlus(startLocal: string | null | undefined, secs: number | null | undefined): string {
  const m = startLocal ? LOCAL.exec(startLocal) : null;
  if (!m || secs === null || secs === undefined || !Number.isFinite(secs)) return '';
  const [, y, mo, d, h, mi, s] = m;
  const t = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) + Math.round(secs) * 1000,
  );
  const date = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  return `${date} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

/** Which pace a sport is measured in: per km on foot, per 100 m in the water, none otherwise (rides, rowing…). */
export function paceUnitOf(activityType: string | null | undefined): 'km' | '100m' | null {
  if (!activityType) return null;
  if (/swim/i.test(activityType)) return '100m';
  if (/run|walk|hike|snowshoe/i.test(activityType)) return 'km';
  return null;
}

/** Rounds to `digits` decimals; null stays null. */
export function round(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
