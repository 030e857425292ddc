/**
 * CSV export in the background: it fetches, through the shared limiter, and answers with the data; the surface that
 * asked builds the CSV (lib/export/build.ts) and saves it (components/export/download.ts says why the page saves);
 * keeping CSV building out of the background also keeps it small and free to send the next request on time.
 *
 * - `getExportData`: one activity with its laps (`GET /activity/{id}?intervals=true`, which also says which streams it
 *   has) and, when asked, the wanted streams (`GET /activity/{id}/streams.json?types=…`).
 * - `listActivitiesForExport`: the activities of a date range, for the bulk export page.
 * - The two shortcuts: the active tab's activity (as its content script reported it) is saved by that tab.
 */
import type { Browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import { isIsoDate } from '~/lib/dates';
import { type ExportData, pickExportFields } from '~/lib/export/data';
import { streamTypesToRequest } from '~/lib/export/stream-choices';
import { type ActivitySummary, MessageError, sendTabMessage } from '~/lib/messages';

import type { CommandHandler } from './commands';
import { requireAthlete, type Services } from './context';
import { toActivitySummary } from './dashboard';
import { getTabPage } from './pages';

export async function getExportData(
  services: Services,
  request: { activityId: string; streams: boolean; excludedStreams?: readonly string[] },
): Promise<ExportData> {
  const { client } = services;
  const activity = await client.getActivity(request.activityId, { intervals: true });
  const streams = request.streams
    ? await client.getStreams(
        request.activityId,
        streamTypesToRequest(activity.stream_types, request.excludedStreams ?? []),
      )
    : null;
  return { activity: { ...pickExportFields(activity), id: String(activity.id ?? request.activityId) }, streams };
}

export async function listActivitiesForExport(
  services: Services,
  request: { oldest: string; newest: string },
): Promise<ActivitySummary[]> {
  const athlete = await requireAthlete();
  if (!isIsoDate(request.oldest) || !isIsoDate(request.newest) || request.oldest > request.newest) {
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

/** `export-streams` and `export-laps` (wxt.config.ts `commands`), registered in commands.ts. */
export function exportCommandHandlers(): Record<string, CommandHandler> {
  return {
    'export-streams': (_services, tab) => exportFromTab(tab, 'streams'),
    'export-laps': (_services, tab) => exportFromTab(tab, 'laps'),
  };
}
