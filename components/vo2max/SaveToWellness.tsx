/**
 * "Save to wellness": writes the estimate into the wellness `vo2max` of a chosen day through the wellness outbox
 * (the background's `saveWellness`), optionally locking the day so device syncs leave it alone.
 */
import { useState } from 'preact/hooks';
import { formatAbsoluteDate } from '~/components/format';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf, errorTitle } from '~/lib/api/explain-error';
import { isIsoDate } from '~/lib/dates';
import { sendMessage } from '~/lib/messages';
import { formatVo2max } from './format';

export interface SaveToWellnessProps {
  /** One decimal, as written. */
  vo2max: number;
  /** Athlete-local today: the default day and the latest one allowed. */
  today: string;
  now?: Date;
}

type Status =
  | { state: 'idle' }
  | { state: 'saving' }
  | {
      state: 'done';
      outcome: 'saved' | 'pending';
      date: string;
      locked: boolean;
      vo2max: number;
      /** Fields intervals.icu's read-back does not show as sent. */
      unconfirmed: readonly string[];
    }
  | { state: 'invalid'; message: string }
  | { state: 'failed'; error: ErrorInfo };

export function SaveToWellness({ vo2max, today, now = new Date() }: SaveToWellnessProps) {
  const [date, setDate] = useState(today);
  const [lock, setLock] = useState(false);
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!isIsoDate(date)) {
      setStatus({ state: 'invalid', message: 'Choose a day (YYYY-MM-DD).' });
      return;
    }
    if (date > today) {
      setStatus({ state: 'invalid', message: 'Choose today or an earlier day: VO2max is not saved ahead.' });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      const answer = await sendMessage('saveWellness', {
        date,
        patch: lock ? { vo2max, locked: true } : { vo2max },
      });
      setStatus({
        state: 'done',
        outcome: answer.status,
        date,
        locked: lock,
        vo2max,
        unconfirmed: answer.unconfirmed ?? [],
      });
    } catch (e) {
      setStatus({ state: 'failed', error: errorInfoOf(e) });
    }
  };

  return (
    <details class="vo2-more">
      <summary>Save to wellness</summary>
      <form class="vo2-save" onSubmit={submit} noValidate>
        <div class="vo2-row">
          <label for="vo2-save-date">Day</label>
          <input
            id="vo2-save-date"
            class="vo2-input"
            type="date"
            max={today}
            value={date}
            onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <label class="vo2-check">
          <input
            type="checkbox"
            checked={lock}
            onChange={(e) => setLock((e.currentTarget as HTMLInputElement).checked)}
          />
          <span>
            Lock the day <span class="muted">(device syncs will not overwrite it)</span>
          </span>
        </label>
        <button type="submit" class="btn btn-small btn-primary" disabled={status.state === 'saving'}>
          {status.state === 'saving' ? 'Saving…' : `Save VO2max ${formatVo2max(vo2max)} to wellness`}
        </button>
        <p class="vo2-save-status" role="status">
          {status.state === 'done'
            ? doneText(status, now)
            : status.state === 'invalid'
              ? status.message
              : status.state === 'failed'
                ? `Not saved: ${errorTitle(status.error)}`
                : ''}
        </p>
      </form>
    </details>
  );
}

function doneText(status: Extract<Status, { state: 'done' }>, now: Date): string {
  const day = formatAbsoluteDate(status.date, now);
  if (status.outcome === 'pending') return `Queued for ${day}: it will be sent as soon as intervals.icu answers.`;
  const saved = `Saved ${formatVo2max(status.vo2max)} ml/kg/min to ${day}`;
  if (status.unconfirmed.includes('vo2max')) return `${saved}, but intervals.icu does not show it yet: check the day.`;
  if (status.locked && status.unconfirmed.includes('locked')) return `${saved}; the lock was not confirmed.`;
  return `${saved}${status.locked ? ', day locked' : ''}.`;
}
