/** Lock or unlock a range of days: preview how many change, confirm, then the result as read back. */
import { useState } from 'preact/hooks';
import { errorInfoOf, errorTitle } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import { addDays } from '~/lib/wellness';
import type { BulkLockPreview } from '~/lib/wellness/views';
import { dayText } from './format';

export interface BulkLockProps {
  /** Athlete-local today; the range defaults to the last 7 days. */
  today: string;
  onChange(): void;
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export function BulkLock({ today, onChange }: BulkLockProps) {
  const [oldest, setOldest] = useState(addDays(today, -6));
  const [newest, setNewest] = useState(today);
  const [locked, setLocked] = useState(true);
  const [preview, setPreview] = useState<BulkLockPreview | null>(null);
  const [note, setNote] = useState<{ bad: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const verb = locked ? 'lock' : 'unlock';
  const reset = () => {
    setPreview(null);
    setNote(null);
  };

  const run = async (confirm: boolean) => {
    setBusy(true);
    setNote(null);
    try {
      if (!confirm) {
        const result = await sendMessage('previewBulkLock', { oldest, newest, locked });
        setPreview(result);
        if (result.change.length === 0) {
          setNote({ bad: false, text: `Nothing to change: all ${days(result.days)} are already ${verb}ed.` });
        }
        return;
      }
      const result = await sendMessage('bulkLock', { oldest, newest, locked });
      setPreview(null);
      const done = `${locked ? 'Locked' : 'Unlocked'} ${days(result.changed.length)} on intervals.icu ✓`;
      if (result.unconfirmed.length === 0) setNote({ bad: false, text: done });
      else {
        setNote({
          bad: true,
          text: `${result.changed.length > 0 ? `${done} ` : ''}intervals.icu kept ${days(result.unconfirmed.length)} ${locked ? 'unlocked' : 'locked'}: ${result.unconfirmed.map(dayText).join(', ')}.${locked ? '' : ' It did not accept the unlock through its API; unlock them on intervals.icu itself.'}`,
        });
      }
      onChange();
    } catch (error) {
      setNote({ bad: true, text: errorTitle(errorInfoOf(error)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="w-bulk">
      <div class="w-bulk-row">
        <input
          type="date"
          aria-label="First day"
          value={oldest}
          max={newest}
          onChange={(e) => {
            setOldest((e.target as HTMLInputElement).value);
            reset();
          }}
        />
        <span aria-hidden="true">–</span>
        <input
          type="date"
          aria-label="Last day"
          value={newest}
          min={oldest}
          max={addDays(today, 1)}
          onChange={(e) => {
            setNewest((e.target as HTMLInputElement).value);
            reset();
          }}
        />
      </div>
      <div class="w-bulk-row">
        <div class="w-seg" role="radiogroup" aria-label="Lock or unlock">
          {[true, false].map((value) => (
            <label class="w-opt" key={String(value)}>
              <input
                type="radio"
                name="w-bulk-mode"
                checked={locked === value}
                onChange={() => {
                  setLocked(value);
                  reset();
                }}
              />
              <span>{value ? 'Lock' : 'Unlock'}</span>
            </label>
          ))}
        </div>
        <button
          type="button"
          class="btn btn-small"
          disabled={busy || !oldest || !newest}
          onClick={() => void run(false)}
        >
          Preview
        </button>
      </div>
      {preview && preview.change.length > 0 ? (
        <div class="w-bulk-row">
          <span>
            {days(preview.change.length)} of {days(preview.days)} will be {verb}ed.
          </span>
          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void run(true)}>
            {locked ? 'Lock' : 'Unlock'} {days(preview.change.length)}
          </button>
          <button type="button" class="btn btn-small" disabled={busy} onClick={reset}>
            Cancel
          </button>
        </div>
      ) : null}
      <p class={`w-status${note ? (note.bad ? ' w-bad' : ' w-ok') : ''}`} role="status" aria-live="polite">
        {busy ? 'Working…' : note?.text}
      </p>
    </div>
  );
}
