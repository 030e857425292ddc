/**
 * The shapes wellness data takes between the background and the surfaces (popup, in-page panel), as used by the
 * protocol in lib/messages.ts. Plain data only.
 */
import type { ErrorInfo } from '../api/errors';
import type { EditableKey, WellnessPatch, WellnessValues } from './catalogue';
import type { WeightUnit } from './units';

/** A pending (not yet confirmed) edit of one day, as the outbox holds it. */
export interface PendingWellness {
  date: string;
  /** The latest value of each field not yet on intervals.icu; a clear value (-1, "", false) empties it. */
  patch: WellnessPatch;
  /** Failed attempts since the last edit. */
  attempts: number;
  /** When the extension tries again by itself (epoch ms); null = only when the user presses Retry. */
  nextAttemptAt: number | null;
  lastError: ErrorInfo | null;
  /** A request for it is out right now. */
  sending: boolean;
  queuedAt: number;
  updatedAt: number;
}

/** One day for the editor. */
export interface WellnessDayView {
  date: string;
  /** Today in the athlete's time zone. */
  today: string;
  /** The day as intervals.icu holds it (editable fields only); null when not loaded (a cache miss). */
  day: WellnessValues | null;
  /** When `day` was read (epoch ms). */
  fetchedAt: number | null;
  /** Edits of this day still on their way; show them on top of `day`. */
  pending: PendingWellness | null;
  weightUnit: WeightUnit;
}

export interface SaveWellnessResult {
  /** saved: intervals.icu answered and was read back; pending: kept in the outbox, retried automatically. */
  status: 'saved' | 'pending';
  /** Fields the read-back does not show as sent (e.g. `locked` after a refused unlock). Empty when all is there. */
  unconfirmed: EditableKey[];
  /** The day as read back after the write. */
  day?: WellnessValues;
  /** Why it is pending. */
  error?: ErrorInfo;
}

export interface WellnessLockResult extends SaveWellnessResult {
  requested: boolean;
  /** What the server holds after the write (read back); null when not known yet (pending). */
  locked: boolean | null;
}

export interface BulkLockRequest {
  oldest: string;
  newest: string;
  locked: boolean;
}

export interface BulkLockPreview extends BulkLockRequest {
  /** Days in the range. */
  days: number;
  /** Days whose lock would change, oldest first. */
  change: string[];
}

export interface BulkLockResult extends BulkLockRequest {
  days: number;
  /** Days written and confirmed by the read-back. */
  changed: string[];
  /** Days written that the read-back shows unchanged (e.g. an unlock the server refused). */
  unconfirmed: string[];
}

export type WellnessWriteKind = 'edit' | 'lock' | 'unlock' | 'bulk-lock' | 'bulk-unlock' | 'undo';

export interface WellnessHistoryEntry {
  id: number;
  /** When the write was confirmed (epoch ms). */
  at: number;
  kind: WellnessWriteKind;
  /** The days written, with what was written and what Undo would put back (first `HISTORY_DAYS_SHOWN` days). */
  days: { date: string; patch: WellnessPatch; restore: WellnessPatch }[];
  /** Number of days written (bulk writes may list only the first few in `days`). */
  dayCount: number;
  undone: boolean;
}

export interface UndoWellnessResult {
  status: 'saved' | 'pending';
  /** Per day, fields the read-back does not show restored. */
  unconfirmed: { date: string; fields: EditableKey[] }[];
  error?: ErrorInfo;
}
