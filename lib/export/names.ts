/**
 * File names for exported CSVs and zips: `<date>_<name>_<id>_laps.csv` and `…_streams.csv`, safe on every OS.
 *
 * - Characters Windows, macOS or Linux refuse (`< > : " / \ | ? *`), control characters and invisible format
 *   characters (e.g. U+202E, which can make "fdp.exe" look like "exe.pdf") become `-` or go.
 * - Spaces become `-`, runs of `-` collapse, and leading/trailing dots, dashes and spaces go (Windows drops trailing
 *   dots and spaces; a leading dot hides a file on macOS and Linux).
 * - Windows' reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension) get a `_` suffix.
 * - The activity name part is cut to 60 characters (whole code points), so a file name stays well under the 255-byte
 *   limit of common file systems and leaves room for the folder it is unzipped into (Windows' 260-character paths).
 * - Text is NFC-normalized, so the same name is the same bytes on macOS (which stores NFD) and elsewhere.
 *
 * Pure.
 */

const ILLEGAL = /[<>:"/\\|?*]/g;
// Control characters (C0, DEL, C1) and format characters such as bidi overrides and zero-width joiners.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

export const NAME_PART_MAX = 60;

/** Cuts to at most `max` code points (never half a surrogate pair). */
function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length > max ? points.slice(0, max).join('') : text;
}

/** One part of a file name (no extension), made safe; `fallback` when nothing is left. */
export function safeNamePart(text: string | null | undefined, fallback = 'untitled', max = NAME_PART_MAX): string {
  let s = (text ?? '').normalize('NFC').replace(INVISIBLE, '').replace(ILLEGAL, '-').replace(/\s+/g, '-');
  s = s.replace(/-{2,}/g, '-');
  s = cut(s, max).replace(/^[-.\s]+|[-.\s]+$/g, '');
  if (s === '') return fallback;
  return RESERVED.test(s) ? `${s}_` : s;
}

/** A whole file name: each part made safe, joined with `_`, then the extension. */
export function safeFileName(parts: readonly (string | null | undefined)[], extension: string): string {
  const name = parts.map((p) => safeNamePart(p)).join('_');
  return `${name}.${extension}`;
}

export interface NamedActivity {
  id: string;
  name?: string | null;
  /** "2024-05-01T07:30:00": the date part starts the name. */
  startDateLocal?: string | null;
}

/** `2024-05-01_Morning-Ride_i12345_laps.csv` */
export function activityFileName(activity: NamedActivity, kind: 'laps' | 'streams'): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(activity.startDateLocal ?? '')?.[0] ?? 'undated';
  return `${date}_${safeNamePart(activity.name)}_${safeNamePart(activity.id, 'activity', 40)}_${kind}.csv`;
}

/**
 * Keeps names unique inside one archive: a second "x.csv" becomes "x-2.csv". Case-insensitive, since Windows and
 * macOS file systems usually are.
 */
export function createUniqueNames(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
