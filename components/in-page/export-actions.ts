/**
 * CSV export from an intervals.icu activity page: the background fetches the data (`getExportData`), this page builds
 * the file (lib/export/build.ts, part of the features bundle) and saves it. Shared by the "Laps CSV" and "Streams CSV" buttons
 * and the two keyboard shortcuts (the background asks this tab's content script through `downloadActivityCsv`,
 * lib/messages.ts `TabProtocolMap`), so a shortcut shows its progress on the buttons when they are there.
 */
import { browser } from 'wxt/browser';
import type { ErrorInfo } from '~/lib/api/errors';
import { explainError } from '~/lib/api/explain-error';
import { buildActivityFiles } from '~/lib/export/build';
import {
  isTabEnvelope,
  MessageError,
  type Reply,
  replyingListener,
  sendMessage,
  type TabProtocolMap,
} from '~/lib/messages';
import { saveText } from '../export/download';
import { readExportSettings } from '../export/read-settings';

export type ExportKind = 'laps' | 'streams';

export type ExportState =
  | { status: 'idle' }
  | { status: 'working'; kind: ExportKind }
  | { status: 'saved'; kind: ExportKind; fileName: string }
  | { status: 'failed'; kind: ExportKind; error: ErrorInfo };

type Listener = (activityId: string, state: ExportState) => void;
const listeners = new Set<Listener>();

/** Follow every export on this page (buttons use it to show progress, including a shortcut's). */
export function onExportState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(activityId: string, state: ExportState): void {
  for (const listener of listeners) listener(activityId, state);
}

function infoOf(error: unknown): ErrorInfo {
  if (error instanceof MessageError) return error.info;
  return { kind: 'invalid', message: 'The export failed inside the extension. Please try again.' };
}

/** Fetches (background), builds and saves one CSV. Resolves with the file name; rejects with a `MessageError`. */
export async function exportFromPage(activityId: string, kind: ExportKind): Promise<string> {
  emit(activityId, { status: 'working', kind });
  try {
    const settings = await readExportSettings();
    const data = await sendMessage('getExportData', {
      activityId,
      streams: kind === 'streams',
      excludedStreams: settings.excludedStreams,
    });
    const files = buildActivityFiles(data, { ...settings, laps: kind === 'laps', streams: kind === 'streams' });
    const file = kind === 'laps' ? files.laps : files.streams;
    if (!file) throw new MessageError({ kind: 'invalid', message: 'The extension built no file.' });
    saveText(file.fileName, file.text);
    emit(activityId, { status: 'saved', kind, fileName: file.fileName });
    return file.fileName;
  } catch (error) {
    const info = infoOf(error);
    emit(activityId, { status: 'failed', kind, error: info });
    throw new MessageError(info);
  }
}

/** Short words for a failed export, for a small toolbar. */
export function failureText(error: ErrorInfo): { text: string; title: string } {
  const { title, detail } = explainError(error);
  if (error.kind === 'strava') return { text: 'CSV export unavailable: imported from Strava', title: detail };
  return { text: title, title: detail };
}

/**
 * Answers the background's `downloadActivityCsv` (the export shortcuts). Registered once by the content script when
 * it loads the features bundle (entrypoints/in-page-features.ts), which it does before reporting an activity page:
 * the background sends this only to a tab reported as one. Returns the function that removes the listener.
 */
export function setupExportShortcuts(): () => void {
  const listener = replyingListener((message, sender) => {
    if (sender.id !== browser.runtime.id || !isTabEnvelope(message) || message.type !== 'downloadActivityCsv') {
      return undefined;
    }
    const { activityId, kind } = message.data as TabProtocolMap['downloadActivityCsv']['request'];
    return exportFromPage(activityId, kind).then(
      (fileName): Reply<TabProtocolMap['downloadActivityCsv']['response']> => ({ ok: true, value: { fileName } }),
      (error: unknown): Reply<never> => ({ ok: false, error: infoOf(error) }),
    );
  });
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
