/**
 * The Upload page's queue: one row per file, queued → uploading → new / duplicate / error, or refused before upload
 * (wrong kind, empty, too large) or cancelled while still queued. Pure: the page hands in how to send one file.
 *
 * - One bad file never stops the others: a failed send marks its row and the queue goes on.
 * - Rows start in the order they were added; at most `concurrency` (default 2) are sent at once. Small on purpose:
 *   the background's shared limiter paces every request anyway (≤ 10/s), and each upload in flight holds its file
 *   in memory twice (base64 and bytes).
 * - Files added while others upload join the end of the queue.
 */
import { refuseActivityFile } from './files';
import type { ActivityLink, UploadResult } from './views';

export type RowStatus =
  | { state: 'queued' }
  | { state: 'uploading' }
  | { state: 'new'; activities: ActivityLink[] }
  | { state: 'duplicate'; activities: ActivityLink[] }
  | { state: 'error'; message: string }
  | { state: 'refused'; message: string }
  | { state: 'cancelled' };

export type RowState = RowStatus['state'];

export interface QueueRow<F> {
  id: number;
  name: string;
  size: number;
  file: F;
  status: RowStatus;
}

export interface QueueProgress {
  /** Rows not cancelled. */
  total: number;
  /** Rows finished: new, duplicate, error or refused. */
  done: number;
  /** Bytes of the files sent or to send (refused and cancelled ones left out), and of those already answered. */
  bytesTotal: number;
  bytesDone: number;
  counts: Record<RowState, number>;
  /** True while a row is queued or uploading. */
  busy: boolean;
}

export interface QueueSnapshot<F> {
  rows: QueueRow<F>[];
  progress: QueueProgress;
}

export interface UploadQueueOptions<F> {
  send(file: F, row: { name: string; size: number }): Promise<UploadResult>;
  concurrency?: number;
  /** Why a file is refused before upload, or null. Default: `refuseActivityFile`. */
  refuse?(name: string, size: number): string | null;
  /** The row's text for a failed send. Default: the error's message. */
  describeError?(error: unknown): string;
  /** Called after every change with a fresh snapshot (new arrays and row objects, safe to keep as UI state). */
  onChange?(snapshot: QueueSnapshot<F>): void;
}

export interface UploadQueue<F> {
  add(files: readonly { name: string; size: number; file: F }[]): void;
  /** Cancels a row that has not started; a row already uploading cannot be called back. */
  cancel(id: number): void;
  cancelQueued(): void;
  /** Drops finished, refused and cancelled rows from the list. */
  clearFinished(): void;
  snapshot(): QueueSnapshot<F>;
  /** Resolves when nothing is queued or uploading. */
  idle(): Promise<void>;
}

const FINISHED: ReadonlySet<RowState> = new Set(['new', 'duplicate', 'error', 'refused']);
const SENT: ReadonlySet<RowState> = new Set(['new', 'duplicate', 'error']);

function progressOf(rows: readonly QueueRow<unknown>[]): QueueProgress {
  const counts: Record<RowState, number> = {
    queued: 0,
    uploading: 0,
    new: 0,
    duplicate: 0,
    error: 0,
    refused: 0,
    cancelled: 0,
  };
  let bytesTotal = 0;
  let bytesDone = 0;
  for (const row of rows) {
    const state = row.status.state;
    counts[state]++;
    if (state !== 'refused' && state !== 'cancelled') bytesTotal += row.size;
    if (SENT.has(state)) bytesDone += row.size;
  }
  const done = rows.filter((r) => FINISHED.has(r.status.state)).length;
  return {
    total: rows.length - counts.cancelled,
    done,
    bytesTotal,
    bytesDone,
    counts,
    busy: counts.queued + counts.uploading > 0,
  };
}

const defaultDescribe = (error: unknown) =>
  error instanceof Error && error.message ? error.message : 'The upload failed for an unknown reason.';

export function createUploadQueue<F>(options: UploadQueueOptions<F>): UploadQueue<F> {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const refuse = options.refuse ?? ((name: string, size: number) => refuseActivityFile(name, size));
  const describe = options.describeError ?? defaultDescribe;
  let rows: QueueRow<F>[] = [];
  let nextId = 1;
  let running = 0;
  let waiters: (() => void)[] = [];

  const snapshot = (): QueueSnapshot<F> => {
    const copy = rows.map((r) => ({ ...r }));
    return { rows: copy, progress: progressOf(copy) };
  };

  const changed = () => {
    options.onChange?.(snapshot());
    if (!rows.some((r) => r.status.state === 'queued' || r.status.state === 'uploading')) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };

  const setStatus = (id: number, status: RowStatus) => {
    rows = rows.map((r) => (r.id === id ? { ...r, status } : r));
  };

  const start = (row: QueueRow<F>) => {
    running++;
    setStatus(row.id, { state: 'uploading' });
    let sent: Promise<UploadResult>;
    try {
      sent = Promise.resolve(options.send(row.file, { name: row.name, size: row.size }));
    } catch (error) {
      sent = Promise.reject(error); // a send that throws at once fails its row, never the queue
    }
    sent
      .then(
        (result) => setStatus(row.id, { state: result.outcome, activities: result.activities }),
        (error) => setStatus(row.id, { state: 'error', message: describe(error) }),
      )
      .finally(() => {
        running--;
        pump();
        changed();
      });
  };

  const pump = () => {
    while (running < concurrency) {
      const next = rows.find((r) => r.status.state === 'queued');
      if (!next) return;
      start(next);
    }
  };

  return {
    add(files) {
      for (const f of files) {
        const reason = refuse(f.name, f.size);
        rows.push({
          id: nextId++,
          name: f.name,
          size: f.size,
          file: f.file,
          status: reason ? { state: 'refused', message: reason } : { state: 'queued' },
        });
      }
      pump();
      changed();
    },
    cancel(id) {
      if (rows.find((r) => r.id === id)?.status.state !== 'queued') return;
      setStatus(id, { state: 'cancelled' });
      changed();
    },
    cancelQueued() {
      rows = rows.map((r) => (r.status.state === 'queued' ? { ...r, status: { state: 'cancelled' } } : r));
      changed();
    },
    clearFinished() {
      rows = rows.filter((r) => r.status.state === 'queued' || r.status.state === 'uploading');
      changed();
    },
    snapshot,
    idle() {
      if (!rows.some((r) => r.status.state === 'queued' || r.status.state === 'uploading')) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

/** The progress line: "3 of 9 files · 12.4 MB of 30.1 MB", then what came of them. */
export function progressLine(p: QueueProgress, formatBytes: (bytes: number) => string): string {
  if (p.total === 0) return 'No files yet.';
  const files = p.total === 1 ? 'file' : 'files';
  const parts = [`${p.done} of ${p.total} ${files} done`];
  if (p.bytesTotal > 0) parts.push(`${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  const outcome: string[] = [];
  if (p.counts.new > 0) outcome.push(`${p.counts.new} new`);
  if (p.counts.duplicate > 0) outcome.push(`${p.counts.duplicate} already on intervals.icu`);
  if (p.counts.error > 0) outcome.push(`${p.counts.error} failed`);
  if (p.counts.refused > 0) outcome.push(`${p.counts.refused} not sent`);
  if (outcome.length > 0) parts.push(outcome.join(', '));
  return parts.join(' · ');
}
