/**
 * One activity's CSV files from what the background fetched (`getExportData`): the laps CSV from the activity and its
 * intervals, the streams CSV from its streams, named `<date>_<name>_<id>_laps.csv` / `_streams.csv`. The surface
 * that saves the files builds them (popup, export page, and on intervals.icu pages the in-page features bundle), so
 * the background only fetches. Pure.
 */
import { type ActivityFiles, toExportedActivity } from './bulk';
import { type CsvOptions, toCsv } from './csv';
import type { ExportData } from './data';
import { lapRows } from './laps';
import { activityFileName } from './names';
import { streamRows } from './streams';

export type { ExportActivityData, ExportData } from './data';

export interface BuildOptions {
  laps: boolean;
  streams: boolean;
  csv?: CsvOptions;
  /** Stream choices left out (lib/export/streams.ts `STREAM_CHOICES` ids). */
  excludedStreams?: readonly string[];
}

export function buildActivityFiles(data: ExportData, options: BuildOptions): ActivityFiles {
  const { activity } = data;
  const summary = toExportedActivity(activity);
  const named = { id: summary.id, name: summary.name, startDateLocal: summary.startDateLocal };
  return {
    activity: summary,
    laps: options.laps
      ? {
          fileName: activityFileName(named, 'laps'),
          text: toCsv(lapRows(activity, activity.icu_intervals), options.csv),
        }
      : null,
    streams:
      options.streams && data.streams
        ? {
            fileName: activityFileName(named, 'streams'),
            text: toCsv(streamRows(data.streams, options.excludedStreams ?? []), options.csv),
          }
        : null,
  };
}
