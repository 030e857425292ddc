/** The last training settings changes with old → new values and Undo, as the background recorded them. */
import { useEffect, useState } from 'preact/hooks';
import { formatAgo } from '~/components/format';
import { sendMessage } from '~/lib/messages';
import type { PaceUnit } from '~/lib/training/pace';
import { settingText, TRAINING_KEYS, TRAINING_LABELS } from '~/lib/training/settings';
import type { SaveSettingsResult, SettingsHistoryEntry } from '~/lib/training/views';

export interface SettingsHistoryProps {
  /** Changes after every write, so the list reloads. */
  version: number;
  onUndone(result: SaveSettingsResult): void;
  onFailed(error: unknown): void;
}

function changeText(entry: SettingsHistoryEntry): string {
  const unit = entry.paceUnits as PaceUnit | null;
  const changes = TRAINING_KEYS.filter((key) => entry.patch[key] !== undefined).map(
    (key) =>
      `${TRAINING_LABELS[key]} ${settingText(key, entry.restore[key], unit)} → ${settingText(key, entry.patch[key], unit)}`,
  );
  return `${entry.sport} · ${entry.kind === 'undo' ? 'undo: ' : ''}${changes.join(', ')}`;
}

export function SettingsHistory({ version, onUndone, onFailed }: SettingsHistoryProps) {
  const [entries, setEntries] = useState<SettingsHistoryEntry[]>([]);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    sendMessage('listSettingsHistory', undefined)
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [version]);

  if (entries.length === 0) return null;
  const undo = async (entry: SettingsHistoryEntry) => {
    setBusy(entry.id);
    try {
      onUndone(await sendMessage('undoSportSettings', { id: entry.id }));
    } catch (error) {
      onFailed(error);
    } finally {
      setBusy(null);
      setEntries(await sendMessage('listSettingsHistory', undefined).catch(() => entries));
    }
  };

  return (
    <details class="t-history">
      <summary>History and undo</summary>
      <ul class="t-list">
        {entries.map((entry) => {
          const text = changeText(entry);
          const undoable = entry.undoneAt === null && Object.keys(entry.restore).length > 0;
          return (
            <li key={entry.id}>
              <span>
                {text} <span class="muted">· {formatAgo(entry.at)}</span>
              </span>
              {undoable ? (
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={busy !== null}
                  aria-label={`Undo: ${text}`}
                  onClick={() => void undo(entry)}
                >
                  {busy === entry.id ? 'Undoing…' : 'Undo'}
                </button>
              ) : (
                <span class="muted">{entry.undoneAt !== null ? 'undone' : ''}</span>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
