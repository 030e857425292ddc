/**
 * The Upload page (entrypoints/upload), a tab of its own so uploads keep going when the popup closes: activity files
 * dropped or picked go through the queue of lib/upload/queue.ts, one row each (queued → uploading → new activity /
 * already on intervals.icu / a specific error), two at a time; the background sends each through the shared limiter.
 * Below it, "Import a plan" (ImportPlan.tsx) puts workout files onto calendar days.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ActingOn } from '~/components/coach/AthleteSwitcher';
import { errorInfoOf, explainError } from '~/lib/api/explain-error';
import { todayIn } from '~/lib/dates';
import { sendMessage } from '~/lib/messages';
import { readActingAthlete } from '~/lib/settings';
import { ACTIVITY_ACCEPT, formatBytes, formatLimit, MAX_UPLOAD_BYTES } from '~/lib/upload/files';
import { createUploadQueue, progressLine, type QueueRow, type QueueSnapshot } from '~/lib/upload/queue';
import { DropZone } from './DropZone';
import { ImportPlan } from './ImportPlan';
import { readAsBase64 } from './read-file';
import '~/components/export/export.css';
import './upload.css';

const BASE_TITLE = 'Upload · Companion for intervals.icu';

/** A failed upload's row text: the server's own words for a refused file, plain words for the rest. */
export function uploadErrorText(error: unknown): string {
  const info = errorInfoOf(error);
  if (info.kind === 'invalid') return info.message;
  const { title, detail } = explainError(info);
  return `${title}. ${detail}`;
}

async function sendFile(file: File) {
  return sendMessage('uploadActivityFile', { fileName: file.name, base64: await readAsBase64(file) });
}

function useUploadQueue(send: (file: File) => ReturnType<typeof sendFile>) {
  const [snapshot, setSnapshot] = useState<QueueSnapshot<File> | null>(null);
  const queue = useMemo(
    () => createUploadQueue<File>({ send, describeError: uploadErrorText, onChange: setSnapshot }),
    [send],
  );
  return { queue, snapshot: snapshot ?? queue.snapshot() };
}

const STATE_LABELS = {
  queued: 'Queued',
  uploading: 'Uploading…',
  new: 'New activity',
  duplicate: 'Already on intervals.icu',
  error: 'Failed',
  refused: 'Not uploaded',
  cancelled: 'Cancelled',
} as const;

function UploadRow({ row, onCancel }: { row: QueueRow<File>; onCancel: (id: number) => void }) {
  const { status } = row;
  return (
    <li class={`upload-row upload-row-${status.state}`}>
      <div class="upload-row-head">
        <span class="upload-row-name">{row.name}</span>
        <span class="upload-row-size num">{formatBytes(row.size)}</span>
        <span class="upload-row-state">{STATE_LABELS[status.state]}</span>
        {status.state === 'queued' ? (
          <button
            type="button"
            class="btn btn-small"
            aria-label={`Cancel ${row.name}`}
            onClick={() => onCancel(row.id)}
          >
            Cancel
          </button>
        ) : null}
      </div>
      {status.state === 'new' || status.state === 'duplicate' ? (
        <ul class="upload-links">
          {status.activities.map((a) => (
            <li key={a.id}>
              <a href={a.url} target="_blank" rel="noopener">
                {a.name ?? a.id}
              </a>{' '}
              <span class="muted">{status.state === 'new' ? 'on intervals.icu' : '(the activity already there)'}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {status.state === 'error' || status.state === 'refused' ? (
        <p class="upload-row-detail">{status.message}</p>
      ) : null}
    </li>
  );
}

export interface UploadPageProps {
  /** For tests: a fixed "today" (athlete-local ISO day) for the plan's default dates. */
  today?: string;
  /** For tests: how one file is sent (default: read as base64 and ask the background). */
  send?: (file: File) => ReturnType<typeof sendFile>;
}

export function UploadPage({ today: fixedToday, send = sendFile }: UploadPageProps = {}) {
  const [connected, setConnected] = useState<boolean | null>(null);
  const [today, setToday] = useState<string | null>(fixedToday ?? null);
  const { queue, snapshot } = useUploadQueue(send);
  const { rows, progress } = snapshot;
  const busy = useRef(false);
  busy.current = progress.busy;

  useEffect(() => {
    void (async () => {
      const state = await sendMessage('getConnection', undefined).catch(() => ({ connected: false as const }));
      setConnected(state.connected);
      if (!fixedToday) {
        const athlete = await readActingAthlete().catch(() => null);
        setToday(todayIn(athlete?.timezone, new Date()));
      }
    })();
    // Leaving the tab would drop the files still queued: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => {
      if (busy.current) event.preventDefault();
    };
    // A file dropped beside the drop zones would otherwise replace this page with the file.
    const keep = (event: DragEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    document.addEventListener('dragover', keep);
    document.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('dragover', keep);
      document.removeEventListener('drop', keep);
    };
  }, [fixedToday]);

  useEffect(() => {
    document.title = progress.busy ? `${progress.done}/${progress.total} · Uploading… · Companion` : BASE_TITLE;
  }, [progress.busy, progress.done, progress.total]);

  const add = (files: readonly File[]) => queue.add(files.map((file) => ({ name: file.name, size: file.size, file })));
  const queued = progress.counts.queued;
  const finished = rows.length - progress.counts.queued - progress.counts.uploading;

  return (
    <main class="bulk upload">
      <header>
        <h1>Upload to intervals.icu</h1>
        <ActingOn />
        <p class="bulk-intro">
          Activity files from a bike computer, watch or app go straight into your intervals.icu activities. Files
          intervals.icu already has are reported as such, not added twice. Uploads keep within intervals.icu’s 10
          requests per second and keep going while you use other tabs.
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

      <section class="bulk-card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Activity files</h2>
        <DropZone
          id="upload-files"
          accept={ACTIVITY_ACCEPT}
          disabled={connected === false}
          title="Drop activity files here, or choose files"
          hint={`.fit, .tcx or .gpx, also as .gz or in a .zip; up to ${formatLimit(MAX_UPLOAD_BYTES)} each; many at once.`}
          onFiles={add}
        />
        {rows.length > 0 ? (
          <>
            <progress
              class="bulk-progress"
              max={progress.total || 1}
              value={progress.done}
              aria-label="Upload progress"
            />
            <p class="bulk-progress-text" role="status" aria-live="polite">
              {progressLine(progress, formatBytes)}
            </p>
            <ul class="upload-rows" aria-label="Files">
              {rows.map((row) => (
                <UploadRow key={row.id} row={row} onCancel={queue.cancel} />
              ))}
            </ul>
            <div class="bulk-actions">
              {queued > 0 ? (
                <button type="button" class="btn" onClick={queue.cancelQueued}>
                  Cancel {queued} queued
                </button>
              ) : null}
              {finished > 0 ? (
                <button type="button" class="btn" onClick={queue.clearFinished}>
                  Clear finished
                </button>
              ) : null}
            </div>
          </>
        ) : null}
      </section>

      <ImportPlan today={today} disabled={connected === false} />
    </main>
  );
}
