/**
 * Numbers, durations and dates for people, in the user's locale. Pure: every function takes the locale (undefined =
 * the browser's) and, where time matters, "now", so tests pin both.
 *
 * Quantities come back as `{ value, unit }` so views can set the unit smaller than the number; `quantityText` joins
 * them with a no-break space for plain text.
 */

export interface Quantity {
  value: string;
  /** Empty when the value carries its own meaning (e.g. "1:02:03"). */
  unit: string;
}

/** No-break space: keeps a number and its unit on one line. */
export const NBSP = '\u00a0';

export function quantityText(q: Quantity): string {
  return q.unit ? `${q.value}${NBSP}${q.unit}` : q.value;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** `decimals`: exactly that many fraction digits; `maxDecimals`: up to that many (default 0). */
export function formatNumber(
  value: number,
  options: { decimals?: number; maxDecimals?: number } = {},
  locale?: string,
): string {
  const min = options.decimals ?? 0;
  const max = options.decimals ?? options.maxDecimals ?? 0;
  const key = `${locale ?? ''}|${min}|${max}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
    numberFormats.set(key, nf);
  }
  // Avoid "-0" for values that round to zero.
  const text = nf.format(value);
  return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

export function formatQuantity(
  value: number,
  unit: string,
  options: { decimals?: number; maxDecimals?: number } = {},
  locale?: string,
): Quantity {
  return { value: formatNumber(value, options, locale), unit };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 3723 → "1:02:03", 125 → "2:05". Always h:mm:ss from one hour up. */
export function formatClock(totalSecs: number): string {
  const secs = Math.max(0, Math.round(totalSecs));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/**
 * An activity's duration: "1:02:03" from one hour up, "45 min" below (rounded to the minute), "40 s" under a minute.
 */
export function formatDuration(totalSecs: number, locale?: string): Quantity {
  const secs = Math.max(0, Math.round(totalSecs));
  if (secs >= 3600) return { value: formatClock(secs), unit: '' };
  if (secs >= 60) {
    const minutes = Math.round(secs / 60);
    return { value: formatNumber(minutes, {}, locale), unit: 'min' };
  }
  return { value: formatNumber(secs, {}, locale), unit: 's' };
}

/** Sleep as hours and minutes: 27300 s → "7:35" h. */
export function formatSleep(totalSecs: number): Quantity {
  const minutes = Math.max(0, Math.round(totalSecs / 60));
  return { value: `${Math.floor(minutes / 60)}:${pad2(minutes % 60)}`, unit: 'h' };
}

export function isSwim(activityType: string | null | undefined): boolean {
  return !!activityType && /swim/i.test(activityType);
}

/**
 * Distance: metres for swims ("1,500 m"), otherwise km with 2 decimals below 10 km ("5.25 km") and 1 decimal from
 * 10 km ("42.2 km").
 */
export function formatDistance(meters: number, activityType?: string | null, locale?: string): Quantity {
  if (isSwim(activityType)) return formatQuantity(Math.round(meters), 'm', {}, locale);
  const km = meters / 1000;
  return formatQuantity(km, 'km', { decimals: Math.abs(km) < 9.995 ? 2 : 1 }, locale);
}

export const formatWeight = (kg: number, locale?: string): Quantity =>
  formatQuantity(kg, 'kg', { maxDecimals: 1 }, locale);
export const formatHeartRate = (bpm: number, locale?: string): Quantity => formatQuantity(bpm, 'bpm', {}, locale);
export const formatHrv = (ms: number, locale?: string): Quantity => formatQuantity(ms, 'ms', {}, locale);
export const formatLoad = (load: number, locale?: string): string => formatNumber(load, {}, locale);

/** intervals.icu activity types are CamelCase ("VirtualRide", "WeightTraining") → "Virtual ride", "Weight training". */
export function formatSport(activityType: string | null | undefined): string {
  if (!activityType) return 'Activity';
  const words = activityType
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean);
  return words.map((w, i) => (i === 0 || /^[A-Z0-9]+$/.test(w) ? w : w.toLowerCase())).join(' ');
}

// ---- dates ----------------------------------------------------------------------------------------------------

interface WallClock {
  y: number;
  m: number; // 1–12
  d: number;
  hh: number;
  mm: number;
  hasTime: boolean;
}

/**
 * Reads "2024-05-01" or "2024-05-01T07:30:00" as a wall-clock date and time, ignoring any zone: intervals.icu's
 * `start_date_local` and wellness ids are already in the athlete's local time.
 */
export function parseLocalDateTime(text: string): WallClock | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(text);
  if (!match) return null;
  const [, y, m, d, hh, mm] = match;
  return {
    y: Number(y),
    m: Number(m),
    d: Number(d),
    hh: hh ? Number(hh) : 0,
    mm: mm ? Number(mm) : 0,
    hasTime: hh !== undefined,
  };
}

/** The local calendar day of an instant as "YYYY-MM-DD" (the form intervals.icu uses for wellness ids). */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** A UTC instant whose UTC fields equal the wall clock: format it with `timeZone: 'UTC'` to print the wall clock. */
const wallClockInstant = (w: WallClock) => new Date(Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm));

/** Whole calendar days from `now`'s local date to the given day (negative = in the past). */
function dayOffset(w: WallClock, now: Date): number {
  const that = Date.UTC(w.y, w.m - 1, w.d);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((that - today) / 86_400_000);
}

function capitalize(text: string, locale?: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** An absolute date: "3 Nov" this year, "3 Nov 2023" otherwise (order and words per locale). */
export function formatAbsoluteDate(isoDay: string, now: Date = new Date(), locale?: string): string {
  const w = parseLocalDateTime(isoDay);
  if (!w) return isoDay;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(w.y === now.getFullYear() ? {} : { year: 'numeric' }),
  }).format(wallClockInstant(w));
}

/** "Today", "Yesterday", "3 days ago" within a week either way; otherwise an absolute date. */
export function formatRelativeDay(isoDay: string, now: Date = new Date(), locale?: string): string {
  const w = parseLocalDateTime(isoDay);
  if (!w) return isoDay;
  const offset = dayOffset(w, now);
  if (Math.abs(offset) <= 6) {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return capitalize(rtf.format(offset, 'day'), locale);
  }
  return formatAbsoluteDate(isoDay, now, locale);
}

/** Wall-clock time in the locale's short style: "07:30" (en-GB, de) or "7:30 AM" (en-US). */
export function formatTime(localDateTime: string, locale?: string): string {
  const w = parseLocalDateTime(localDateTime);
  if (!w?.hasTime) return '';
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', timeStyle: 'short' }).format(wallClockInstant(w));
}

/** When an activity started, for a list: "Yesterday, 07:30", "Tue, 4 Nov, 18:05". */
export function formatWhen(localDateTime: string, now: Date = new Date(), locale?: string): string {
  const day = formatRelativeDay(localDateTime, now, locale);
  const time = formatTime(localDateTime, locale);
  return time ? `${day}, ${time}` : day;
}

/** The full date and time, for tooltips and `<time>` titles. */
export function formatFullDateTime(localDateTime: string, locale?: string): string {
  const w = parseLocalDateTime(localDateTime);
  if (!w) return localDateTime;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    dateStyle: 'full',
    ...(w.hasTime ? { timeStyle: 'short' } : {}),
  }).format(wallClockInstant(w));
}

/** How long ago an instant was: "now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function formatAgo(epochMs: number, now: number = Date.now(), locale?: string): string {
  const secs = Math.round((now - epochMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
  if (secs < 45) return rtf.format(0, 'second');
  const minutes = Math.round(secs / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}
