/** The outbox (edits not yet on intervals.icu, with Retry and Discard) and the undo history (last 50 writes). */
import { useEffect, useState } from 'preact/hooks';
import { formatAgo } from '~/components/format';
import { errorInfoOf, errorTitle } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import { type EditableKey, fieldFor } from '~/lib/wellness';
import type { PendingWellness, WellnessHistoryEntry } from '~/lib/wellness/views';
import { dayText, patchText, valueText } from './format';

function when(at: number | null): string {
  if (at === null) return 'waits for you: retry or discard';
  const secs = Math.round((at - Date.now()) / 1000);
  if (secs <= 1) return 'retrying now';
  return secs < 90 ? `next try in ${secs} s` : `next try in ${Math.round(secs / 60)} min`;
}

export interface PendingListProps {
  pending: readonly PendingWellness[];
  /** After Retry or Discard: the panel reloads the outbox and the form. */
  onChange(): void;
}

export function PendingList({ pending, onChange }: PendingListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const retry = async (date: string) => {
    setNote('Retrying…');
    try {
      const left = await sendMessage('retryPending', { date });
      setNote(left.some((p) => p.date === date) ? 'Still pending.' : `${dayText(date)} saved to intervals.icu ✓`);
    } catch (error) {
      setNote(errorTitle(errorInfoOf(error)));
    }
    onChange();
  };

  const discard = async (date: string) => {
    if (confirming !== date) {
      setConfirming(date);
      return;
    }
    setConfirming(null);
    await sendMessage('discardPending', { date }).catch(() => {});
    setNote(`Discarded the pending edit of ${dayText(date)}.`);
    onChange();
  };

  return (
    <div>
      {pending.length === 0 ? <p class="muted">Nothing pending: every edit is on intervals.icu.</p> : null}
      <ul class="w-list">
        {pending.map((p) => (
          <li class="w-item" key={p.date}>
            <div class="w-item-text">
              <div>
                <strong>{dayText(p.date)}</strong> · {patchText(p.patch)}
              </div>
              <div class="w-item-meta">
                {p.sending ? 'sending…' : when(p.nextAttemptAt)}
                {p.lastError ? ` · ${errorTitle(p.lastError)}` : ''}
              </div>
            </div>
            <div class="w-item-actions">
              <button type="button" class="btn btn-small" onClick={() => void retry(p.date)}>
                Retry
              </button>
              <button type="button" class="btn btn-small" onClick={() => void discard(p.date)}>
                {confirming === p.date ? 'Confirm discard' : 'Discard'}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p class="w-status" role="status" aria-live="polite">
        {note}
      </p>
    </div>
  );
}

const KIND_TEXT: Record<WellnessHistoryEntry['kind'], string> = {
  edit: 'Edited',
  lock: 'Locked',
  unlock: 'Unlocked',
  'bulk-lock': 'Locked',
  'bulk-unlock': 'Unlocked',
  undo: 'Undo',
};

function entryText(entry: WellnessHistoryEntry): string {
  const [first] = entry.days;
  if (!first) return KIND_TEXT[entry.kind];
  if (entry.dayCount > 1) {
    const last = entry.days.at(-1)?.date ?? first.date;
    return `${KIND_TEXT[entry.kind]} ${entry.dayCount} days, ${dayText(first.date)} – ${dayText(last)}`;
  }
  if (entry.kind === 'lock' || entry.kind === 'unlock') return `${dayText(first.date)} · ${KIND_TEXT[entry.kind]}`;
  const changes = (Object.keys(first.patch) as EditableKey[])
    .map((key) =>
      key === 'locked'
        ? first.patch.locked
          ? 'locked'
          : 'unlocked'
        : `${fieldFor(key).label} ${valueText(key, first.restore[key])} → ${valueText(key, first.patch[key])}`,
    )
    .join(', ');
  return `${dayText(first.date)} · ${entry.kind === 'undo' ? 'undo: ' : ''}${changes}`;
}

export interface HistoryListProps {
  version: number;
  onChange(): void;
}

export function HistoryList({ version, onChange }: HistoryListProps) {
  const [entries, setEntries] = useState<WellnessHistoryEntry[] | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    sendMessage('listWellnessHistory', undefined)
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [version]);

  const undo = async (entry: WellnessHistoryEntry) => {
    setBusy(entry.id);
    setNote('Undoing…');
    try {
      const result = await sendMessage('undoWellness', { id: entry.id });
      if (result.status === 'pending') setNote('Undo pending — will retry');
      else if (result.unconfirmed.length > 0) {
        setNote(
          `Undone, but intervals.icu still shows other values on ${result.unconfirmed.map((u) => dayText(u.date)).join(', ')}`,
        );
      } else setNote('Undone on intervals.icu ✓');
    } catch (error) {
      setNote(`Not undone: ${errorTitle(errorInfoOf(error))}`);
    } finally {
      setBusy(null);
      onChange();
    }
  };

  if (!entries) return <p class="muted">Loading…</p>;
  return (
    <div>
      {entries.length === 0 ? <p class="muted">No changes yet. The last 50 appear here, each with Undo.</p> : null}
      <ul class="w-list">
        {entries.map((entry) => (
          <li class="w-item" key={entry.id}>
            <div class="w-item-text">
              <div>{entryText(entry)}</div>
              <div class="w-item-meta">
                {formatAgo(entry.at)}
                {entry.undone ? ' · undone' : ''}
              </div>
            </div>
            <div class="w-item-actions">
              <button
                type="button"
                class="btn btn-small"
                disabled={entry.undone || busy !== null}
                onClick={() => void undo(entry)}
                aria-label={`Undo: ${entryText(entry)}`}
              >
                Undo
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p class="w-status" role="status" aria-live="polite">
        {note}
      </p>
    </div>
  );
}
