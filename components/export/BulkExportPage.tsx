/**
 * The bulk export page (entrypoints/export), opened in a tab from the popup so the export keeps going when the popup
 * closes. Pick a date range and sports → one zip with each activity's laps and streams CSVs, `activities.csv` and
 * `skipped.csv`. The background fetches each activity through the shared limiter (≤ 10 requests/s); this page builds
 * its CSV files and streams them into the zip (lib/export/build.ts, bulk.ts, zip.ts), shows the count, an ETA and a
 * cancel button, and offers the zip when it is ready (the tab title and the toolbar badge say so too).
 *
 * Memory: compressed bytes are gathered into Blob parts of a few MB as they come (browsers keep large blobs out of
 * the JavaScript heap, on disk if need be), so the page holds about three activities' text at a time.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ActingOn } from '~/components/coach/AthleteSwitcher';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { formatClock, formatSport } from '~/components/format';
import { UploadPageLink } from '~/components/upload/UploadPageLink';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { addDays, todayIn } from '~/lib/dates';
import { buildActivityFiles } from '~/lib/export/build';
import { type BulkActivity, type BulkProgress, type BulkResult, runBulkExport } from '~/lib/export/bulk';
import { safeFileName } from '~/lib/export/names';
import { createZipWriter } from '~/lib/export/zip';
import { type ActivitySummary, sendMessage } from '~/lib/messages';
import { readActingAthlete } from '~/lib/settings';
import { saveBlob } from './download';
import { CsvFormatOptions, StreamPicker, useExportSettings } from './ExportOptions';
import { readExportSettings } from './read-settings';
import './export.css';

const BASE_TITLE = 'Bulk export · Companion for intervals.icu';
const DEFAULT_DAYS = 90;
/** Compressed bytes gathered before they become one Blob part. */
const PART_BYTES = 4 << 20;
const UNKNOWN_SPORT = '';

type ListState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; activities: ActivitySummary[]; oldest: string; newest: string }
  | { state: 'failed'; error: ErrorInfo };

type RunState =
  | { state: 'idle' }
  | { state: 'running'; progress: BulkProgress | null }
  | { state: 'done'; blob: Blob; fileName: string; exported: number; skipped: number; saved: boolean }
  | { state: 'cancelled'; progress: BulkProgress | null }
  | { state: 'failed'; error: ErrorInfo; progress: BulkProgress | null };

function sportKey(a: ActivitySummary): string {
  return a.type ?? UNKNOWN_SPORT;
}

function sportLabel(key: string): string {
  return key === UNKNOWN_SPORT ? 'Imported from Strava' : formatSport(key);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function progressText(p: BulkProgress): string {
  const parts = [`${p.done} of ${p.total} activities`];
  if (p.skipped > 0) parts.push(`${p.skipped} skipped`);
  if (p.done < p.total)
    parts.push(p.etaMs === null ? 'estimating time left…' : `about ${formatClock(p.etaMs / 1000)} left`);
  return parts.join(' · ');
}

/** Whether this page put text on the toolbar badge (so it clears only its own, not another feature's). */
let badgeShown = false;

async function setBadge(text: string): Promise<void> {
  if (!text && !badgeShown) return;
  badgeShown = text !== '';
  try {
    await browser.action.setBadgeText({ text });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#1565c0' });
  } catch {
    // No toolbar button to badge (e.g. a test page): the tab title still says it.
  }
}

export interface BulkExportPageProps {
  /** For tests: a fixed "today" (athlete-local ISO day). */
  today?: string;
}

export function BulkExportPage({ today: fixedToday }: BulkExportPageProps = {}) {
  const settings = useExportSettings();
  const [connected, setConnected] = useState<boolean | null>(null);
  const [oldest, setOldest] = useState('');
  const [newest, setNewest] = useState('');
  const [list, setList] = useState<ListState>({ state: 'idle' });
  const [sports, setSports] = useState<Set<string>>(new Set());
  const [withLaps, setWithLaps] = useState(true);
  const [withStreams, setWithStreams] = useState(true);
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void (async () => {
      const state = await sendMessage('getConnection', undefined).catch(() => ({ connected: false as const }));
      setConnected(state.connected);
      const athlete = await readActingAthlete().catch(() => null);
      const today = fixedToday ?? todayIn(athlete?.timezone, new Date());
      setNewest(today);
      setOldest(addDays(today, -DEFAULT_DAYS));
    })();
    const clearBadge = () => void setBadge('');
    window.addEventListener('pagehide', clearBadge);
    return () => {
      window.removeEventListener('pagehide', clearBadge);
      controller.current?.abort();
    };
  }, [fixedToday]);

  // The tab title carries the state, so a user on another tab sees progress and "ready".
  useEffect(() => {
    if (run.state === 'running') {
      const p = run.progress;
      const pct = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
      document.title = `${pct}% · Exporting… · Companion`;
      void setBadge(`${pct}%`);
    } else if (run.state === 'done' && !run.saved) {
      document.title = '✓ Export ready · Companion';
      void setBadge('✓');
    } else {
      document.title = BASE_TITLE;
      void setBadge('');
    }
  }, [run]);

  const sportCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (list.state === 'loaded')
      for (const a of list.activities) counts.set(sportKey(a), (counts.get(sportKey(a)) ?? 0) + 1);
    return counts;
  }, [list]);

  const chosen = list.state === 'loaded' ? list.activities.filter((a) => sports.has(sportKey(a))) : [];

  const find = async (event?: Event) => {
    event?.preventDefault();
    setRun({ state: 'idle' });
    setList({ state: 'loading' });
    try {
      const activities = await sendMessage('listActivitiesForExport', { oldest, newest });
      setList({ state: 'loaded', activities, oldest, newest });
      setSports(new Set(activities.map(sportKey)));
    } catch (error) {
      setList({ state: 'failed', error: errorInfoOf(error) });
    }
  };

  const start = async () => {
    if (list.state !== 'loaded' || chosen.length === 0) return;
    const abort = new AbortController();
    controller.current = abort;
    setRun({ state: 'running', progress: null });

    const parts: Blob[] = [];
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pending.length === 0) return;
      parts.push(new Blob(pending as BlobPart[]));
      pending = [];
      pendingBytes = 0;
    };
    const zip = createZipWriter(
      (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_BYTES) flush();
      },
      { pause: () => new Promise((resolve) => setTimeout(resolve, 0)) },
    );
    // One snapshot of the options for the whole export, so every file of the zip has the same format.
    const options = await readExportSettings();
    const activities: BulkActivity[] = chosen.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      startDateLocal: a.startDateLocal,
      restrictedBy: a.restrictedBy,
    }));

    let result: BulkResult;
    try {
      result = await runBulkExport(activities, {
        zip,
        csv: options.csv,
        signal: abort.signal,
        fetchActivity: async (activityId) => {
          const data = await sendMessage('getExportData', {
            activityId,
            streams: withStreams,
            excludedStreams: options.excludedStreams,
          });
          return buildActivityFiles(data, { ...options, laps: withLaps, streams: withStreams });
        },
        onProgress: (progress) => {
          if (!abort.signal.aborted) setRun({ state: 'running', progress });
        },
      });
    } catch (error) {
      // The zip itself failed (e.g. out of memory): nothing to save.
      controller.current = null;
      setRun({ state: 'failed', error: errorInfoOf(error), progress: null });
      return;
    }
    controller.current = null;
    if (result.state === 'cancelled') {
      setRun({ state: 'cancelled', progress: result.progress });
    } else if (result.state === 'failed') {
      setRun({ state: 'failed', error: errorInfoOf(result.error), progress: result.progress });
    } else {
      flush();
      const blob = new Blob(parts, { type: 'application/zip' });
      const fileName = safeFileName(['intervals-export', list.oldest, list.newest], 'zip');
      setRun({
        state: 'done',
        blob,
        fileName,
        exported: result.exported.length,
        skipped: result.skipped.length,
        saved: false,
      });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const cancel = () => controller.current?.abort();

  const save = () => {
    if (run.state !== 'done') return;
    saveBlob(run.fileName, run.blob);
    setRun({ ...run, saved: true });
  };

  const running = run.state === 'running';

  return (
    <main class="bulk">
      <header>
        <h1>Bulk export</h1>
        <ActingOn />
        <p class="bulk-intro">
          Every activity of a date range in one zip: each activity’s laps and streams as CSV files, plus
          <code> activities.csv</code> (one row per activity) and <code>skipped.csv</code> (activities intervals.icu
          cannot share, with the reason). The export keeps within intervals.icu’s 10 requests per second and keeps going
          while you use other tabs.
        </p>
        <p class="bulk-links">
          <UploadPageLink />
        </p>
      </header>

      {connected === false ? (
        <div class="notice notice-error" role="alert">
          <p class="notice-title">Not connected to intervals.icu</p>
          <p class="notice-detail">
            Add your API key in the extension’s settings first.{' '}
            <button type="button" class="btn btn-small" onClick={() => void browser.runtime.openOptionsPage()}>
              Open settings
            </button>
          </p>
        </div>
      ) : null}

      <section class="bulk-card" aria-labelledby="bulk-range-heading">
        <h2 id="bulk-range-heading">Activities</h2>
        <form class="bulk-range" onSubmit={find}>
          <label class="bulk-field" for="bulk-from">
            From
            <input
              id="bulk-from"
              type="date"
              value={oldest}
              max={newest || undefined}
              required
              disabled={running}
              onInput={(e) => setOldest(e.currentTarget.value)}
            />
          </label>
          <label class="bulk-field" for="bulk-to">
            To
            <input
              id="bulk-to"
              type="date"
              value={newest}
              min={oldest || undefined}
              required
              disabled={running}
              onInput={(e) => setNewest(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn" disabled={running || !oldest || !newest || list.state === 'loading'}>
            {list.state === 'loading' ? 'Finding…' : 'Find activities'}
          </button>
        </form>

        {list.state === 'failed' ? <ErrorNotice info={list.error} /> : null}
        {list.state === 'loaded' ? (
          list.activities.length === 0 ? (
            <p class="bulk-summary">No activities between these days.</p>
          ) : (
            <>
              <p class="bulk-summary" aria-live="polite">
                {list.activities.length} {list.activities.length === 1 ? 'activity' : 'activities'} found.
              </p>
              <fieldset class="export-fieldset" disabled={running}>
                <legend>Sports</legend>
                <div class="export-choices">
                  {[...sportCounts].map(([key, count]) => (
                    <label key={key} class="export-check" for={`bulk-sport-${key || 'unknown'}`}>
                      <input
                        id={`bulk-sport-${key || 'unknown'}`}
                        type="checkbox"
                        checked={sports.has(key)}
                        onChange={(e) => {
                          const next = new Set(sports);
                          if (e.currentTarget.checked) next.add(key);
                          else next.delete(key);
                          setSports(next);
                        }}
                      />
                      {sportLabel(key)} ({count})
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset class="export-fieldset" disabled={running}>
                <legend>Files per activity</legend>
                <div class="export-choices">
                  <label class="export-check" for="bulk-laps">
                    <input
                      id="bulk-laps"
                      type="checkbox"
                      checked={withLaps}
                      onChange={(e) => setWithLaps(e.currentTarget.checked)}
                    />
                    Laps CSV
                  </label>
                  <label class="export-check" for="bulk-streams">
                    <input
                      id="bulk-streams"
                      type="checkbox"
                      checked={withStreams}
                      onChange={(e) => setWithStreams(e.currentTarget.checked)}
                    />
                    Streams CSV
                  </label>
                </div>
              </fieldset>
              <details class="export-options">
                <summary>Streams and spreadsheet options</summary>
                <StreamPicker api={settings} idPrefix="bulk" />
                <CsvFormatOptions api={settings} idPrefix="bulk" />
              </details>
              <div class="bulk-actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  onClick={start}
                  disabled={running || chosen.length === 0 || (!withLaps && !withStreams)}
                >
                  Export {chosen.length} {chosen.length === 1 ? 'activity' : 'activities'}
                </button>
              </div>
            </>
          )
        ) : null}
      </section>

      {run.state !== 'idle' ? (
        <section class="bulk-card" aria-labelledby="bulk-run-heading" ref={resultRef} tabIndex={-1}>
          <h2 id="bulk-run-heading">Export</h2>
          {run.state === 'running' ? (
            <>
              <progress
                class="bulk-progress"
                max={run.progress?.total || 1}
                value={run.progress?.done ?? 0}
                aria-label="Export progress"
              />
              <p class="bulk-progress-text" role="status">
                {run.progress ? progressText(run.progress) : 'Starting…'}
              </p>
              {run.progress ? <p class="bulk-numbers">{formatBytes(run.progress.zipBytes)} compressed so far</p> : null}
              <div class="bulk-actions">
                <button type="button" class="btn" onClick={cancel}>
                  Cancel
                </button>
              </div>
            </>
          ) : null}
          {run.state === 'done' ? (
            <div class="notice notice-success" role="status">
              <p class="notice-title">Export ready</p>
              <p class="notice-detail">
                {run.exported} {run.exported === 1 ? 'activity' : 'activities'} exported
                {run.skipped > 0 ? `, ${run.skipped} skipped (listed with the reason in skipped.csv)` : ''}.
              </p>
              <p class="notice-detail bulk-file">
                <code>{run.fileName}</code> · {formatBytes(run.blob.size)}
              </p>
              <div class="notice-actions">
                <button type="button" class="btn btn-primary" onClick={save}>
                  {run.saved ? 'Save zip again' : 'Save zip'}
                </button>
              </div>
            </div>
          ) : null}
          {run.state === 'cancelled' ? (
            <div class="notice notice-info" role="status">
              <p class="notice-title">Export cancelled</p>
              <p class="notice-detail">
                Stopped after {run.progress?.done ?? 0} of {run.progress?.total ?? 0} activities. Nothing was saved.
              </p>
            </div>
          ) : null}
          {run.state === 'failed' ? (
            <ErrorNotice info={run.error}>
              <button type="button" class="btn btn-small" onClick={start}>
                Try again
              </button>
            </ErrorNotice>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
