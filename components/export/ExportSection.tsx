/**
 * The popup's "Export" section: laps or streams CSV of the activity in the current tab (else the latest one), the
 * stream picker and spreadsheet options behind a disclosure, and "Bulk export…", which opens the export page in a
 * tab (it keeps going when the popup closes). The background fetches; the popup builds the file and saves it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { Section } from '~/components/common/Section';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { buildActivityFiles } from '~/lib/export/build';
import { type ActivitySummary, sendMessage } from '~/lib/messages';
import { saveText } from './download';
import { CsvFormatOptions, StreamPicker, useExportSettings } from './ExportOptions';
import { readExportSettings } from './read-settings';
import './export.css';

export interface ExportSectionProps {
  activity: ActivitySummary;
  /** True when it is the activity open in the current tab, false for the latest one. */
  inTab: boolean;
  /** Opens the bulk export page; the default asks the browser for a tab. */
  openBulkExport?: () => void;
}

function openExportPage(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/export.html') });
}

type Kind = 'laps' | 'streams';
type Status =
  | { state: 'idle' }
  | { state: 'working'; kind: Kind }
  | { state: 'saved'; fileName: string }
  | {
      state: 'failed';
      error: ErrorInfo;
    };

export function ExportSection({ activity, inTab, openBulkExport = openExportPage }: ExportSectionProps) {
  const settings = useExportSettings();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    setStatus({ state: 'idle' });
    return () => {
      alive.current = false;
    };
  }, [activity.id]);

  const run = async (kind: Kind) => {
    setStatus({ state: 'working', kind });
    try {
      const options = await readExportSettings();
      const data = await sendMessage('getExportData', {
        activityId: activity.id,
        streams: kind === 'streams',
        excludedStreams: options.excludedStreams,
      });
      const files = buildActivityFiles(data, { ...options, laps: kind === 'laps', streams: kind === 'streams' });
      const file = kind === 'laps' ? files.laps : files.streams;
      if (!file) throw new Error('no file');
      saveText(file.fileName, file.text);
      if (alive.current) setStatus({ state: 'saved', fileName: file.fileName });
    } catch (error) {
      if (alive.current) setStatus({ state: 'failed', error: errorInfoOf(error) });
    }
  };

  const strava = activity.restrictedBy === 'strava';
  const working = status.state === 'working';
  const bulk = (
    <button type="button" class="btn btn-small" onClick={openBulkExport}>
      Bulk export…
    </button>
  );

  return (
    <Section id="export" title="Export" aside={bulk}>
      <p class="export-target">
        <span class="muted">{inTab ? 'This activity' : 'Latest activity'}: </span>
        <span class="export-target-name">{activity.name}</span>
      </p>
      {strava ? (
        <p class="export-unavailable muted">
          No CSV export for this one: it was imported from Strava, and Strava does not let intervals.icu share it
          through the API.
        </p>
      ) : (
        <>
          <div class="export-actions">
            <button type="button" class="btn" onClick={() => run('laps')} disabled={working} aria-busy={working}>
              {status.state === 'working' && status.kind === 'laps' ? 'Laps CSV…' : 'Laps CSV'}
            </button>
            <button type="button" class="btn" onClick={() => run('streams')} disabled={working} aria-busy={working}>
              {status.state === 'working' && status.kind === 'streams' ? 'Streams CSV…' : 'Streams CSV'}
            </button>
          </div>
          <p class="export-status" role="status">
            {status.state === 'saved' ? (
              <>
                Saved <span class="export-file">{status.fileName}</span>
              </>
            ) : null}
          </p>
          {status.state === 'failed' ? <ErrorNotice info={status.error} compact /> : null}
          <details class="export-options">
            <summary>Streams and spreadsheet options</summary>
            <StreamPicker api={settings} idPrefix="popup" />
            <CsvFormatOptions api={settings} idPrefix="popup" />
          </details>
        </>
      )}
    </Section>
  );
}
