/**
 * CSV export in the background: it fetches (through the shared limiter) and builds the files; the surface that asked
 * saves them. Why the split: an MV3 service worker cannot make blob URLs (no `URL.createObjectURL`), and saving from
 * the page the user clicked in needs no `downloads` permission. See the README's "Export" section.
 *
 * - `exportActivity`: one activity → its laps and/or streams CSV text. Requests: `GET /activity/{id}?intervals=true`
 *   (the activity, its laps and which streams it has), plus `GET /activity/{id}/streams.json?types=…` for streams.
 * - `listActivitiesForExport`: the activities of a date range, for the bulk export page.
 * - The two shortcuts: the active tab's activity (as its content script reported it) is saved by that tab.
 */
import type { Browser } from 'wxt/browser';
import { IcuError } from '../api/errors';
import type { ActivityWithIntervals } from '../api/types';
import { type ActivityFiles, toExportedActivity } from '../export/bulk';
import { type CsvOptions, toCsv } from '../export/csv';
import { lapRows } from '../export/laps';
import { activityFileName } from '../export/names';
import { streamRows, streamTypesToRequest } from '../export/streams';
import { type ActivitySummary, MessageError, sendTabMessage } from '../messages';
import { connectedAthlete, exportBom, exportDelimiter, exportStreamsExcluded } from '../settings';
import type { CommandHandler } from './commands';
import type { Services } from './context';
import { toActivitySummary } from './dashboard';
import { getTabPage } from './pages';

export interface ExportSettings {
  csv: CsvOptions;
  excludedStreams: string[];
}

export async function readExportSettings(): Promise<ExportSettings> {
  const [delimiter, bom, excluded] = await Promise.all([
    exportDelimiter.getValue(),
    exportBom.getValue(),
    exportStreamsExcluded.getValue(),
  ]);
  return {
    csv: { delimiter: delimiter === ';' ? ';' : ',', bom: bom === true },
    excludedStreams: Array.isArray(excluded) ? excluded.filter((s) => typeof s === 'string') : [],
  };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function exportActivity(
  services: Services,
  request: { activityId: string; laps: boolean; streams: boolean },
  settings?: ExportSettings,
): Promise<ActivityFiles> {
  const { csv, excludedStreams } = settings ?? (await readExportSettings());
  const { client } = services;
  const activity: ActivityWithIntervals = await client.getActivity(request.activityId, { intervals: true });
  const summary = toExportedActivity(activity);
  const named = { id: summary.id || request.activityId, name: summary.name, startDateLocal: summary.startDateLocal };

  let data: Awaited<ReturnType<typeof client.getStreams>> = [];
  if (request.streams)
    data = await client.getStreams(request.activityId, streamTypesToRequest(activity.stream_types, excludedStreams));

  // Build the text in a task of its own, not in the promise chain of the response: a long file then cannot sit
  // between a request's limiter slot and its fetch (both microtasks), which would bunch requests on the wire.
  await nextTask();
  const laps = request.laps
    ? { fileName: activityFileName(named, 'laps'), text: toCsv(lapRows(activity, activity.icu_intervals), csv) }
    : null;
  const streams = request.streams
    ? { fileName: activityFileName(named, 'streams'), text: toCsv(streamRows(data, excludedStreams), csv) }
    : null;
  return { activity: summary, laps, streams };
}

export async function listActivitiesForExport(
  services: Services,
  request: { oldest: string; newest: string },
): Promise<ActivitySummary[]> {
  const athlete = await connectedAthlete.getValue();
  if (!athlete) {
    throw new IcuError({ kind: 'auth', message: 'Not connected: add your API key in the extension’s settings.' });
  }
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(request.oldest) || !day.test(request.newest) || request.oldest > request.newest) {
    throw new IcuError({ kind: 'invalid', message: 'Choose a start day on or before the end day.' });
  }
  const list = await services.client.listActivities(athlete.id, { oldest: request.oldest, newest: request.newest });
  return list
    .filter((a) => a.id !== undefined)
    .map(toActivitySummary)
    .sort((a, b) => a.startDateLocal.localeCompare(b.startDateLocal));
}

/** A shortcut's export: the tab must show an intervals.icu activity; its content script saves the file. */
async function exportFromTab(tab: Browser.tabs.Tab | undefined, kind: 'laps' | 'streams'): Promise<void> {
  const route = tab?.id === undefined ? null : await getTabPage(tab.id);
  if (tab?.id === undefined || route?.kind !== 'activity' || !route.activityId) {
    throw new IcuError({
      kind: 'invalid',
      message: 'Open an activity on intervals.icu, then use the export shortcut again.',
    });
  }
  try {
    await sendTabMessage(tab.id, 'downloadActivityCsv', { activityId: route.activityId, kind });
  } catch (error) {
    // Keep the page's explanation (e.g. "imported from Strava") for whoever ran the command.
    if (error instanceof MessageError) throw new IcuError(error.info);
    throw error;
  }
}

/** `export-streams` and `export-laps` (wxt.config.ts `commands`), registered in lib/services/commands.ts. */
export function exportCommandHandlers(): Record<string, CommandHandler> {
  return {
    'export-streams': (_services, tab) => exportFromTab(tab, 'streams'),
    'export-laps': (_services, tab) => exportFromTab(tab, 'laps'),
  };
}
