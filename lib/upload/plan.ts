/**
 * "Import a plan": workout files onto calendar days through `events/bulk?upsert=true`. Pure: ids and dates.
 */
import { addDays, type IsoDate } from '../dates';

export const EXTERNAL_ID_PREFIX = 'icu-companion:';

/**
 * The `external_id` of a workout file imported onto a day: `icu-companion:<day>:<normalized file name>`.
 *
 * Name and day rather than a hash of the contents: with `upsert`, intervals.icu replaces the event carrying the same
 * `external_id`, and the import should replace what the same file put on that day before — also after the file was
 * edited (a hash would change with every edit and add a second copy). The same file on another day is another event.
 * The name is lower-cased with spaces collapsed and a browser's download counter (" (1)") dropped, so the re-download
 * of an edited workout still matches.
 */
export function planExternalId(fileName: string, date: IsoDate): string {
  const name = fileName
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ \(\d+\)(?=\.[^.]+$)/, '')
    .slice(0, 120);
  return `${EXTERNAL_ID_PREFIX}${date}:${name}`;
}

/** The day a picked workout goes on by default: the n-th file (from 0) on today + n, one a day. */
export function defaultPlanDate(today: IsoDate, index: number): IsoDate {
  return addDays(today, index);
}
