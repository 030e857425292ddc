/**
 * Quick wellness as one block: the form, then the pending edits, the history with Undo, and bulk lock. Used by the
 * popup's Wellness section and by the in-page panel. While edits are pending it polls the outbox, so a save that was
 * "Pending — will retry" turns into "Saved to intervals.icu" when the background delivers it. Styles: wellness.css
 * (imported by the popup's section, inlined into the in-page panel's shadow root).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '~/lib/messages';
import type { PendingWellness } from '~/lib/wellness/views';
import { BulkLock } from './BulkLock';
import { WellnessForm } from './WellnessForm';
import { HistoryList, PendingList } from './WellnessLists';

export const PENDING_POLL_MS = 2_500;

export interface WellnessPanelProps {
  autoFocus?: boolean;
  /**
   * A coached athlete the panel is for (an intervals.icu page of theirs) instead of the one chosen in the switcher:
   * the form acts on them; the outbox, history and bulk lock below stay the switcher's, so they are left out.
   */
  athleteId?: string;
}

export function WellnessPanel({ autoFocus = false, athleteId }: WellnessPanelProps) {
  /** Bumped by writes outside the form (undo, discard, retry, bulk): the form reloads. */
  const [version, setVersion] = useState(0);
  /** Bumped by every write: the lists reload. */
  const [tick, setTick] = useState(0);
  const [pending, setPending] = useState<PendingWellness[]>([]);
  const [today, setToday] = useState<string | null>(null);
  const count = useRef(0);

  const refreshPending = async () => {
    try {
      const list = await sendMessage('listPendingWellness', undefined);
      // Something was delivered in the background: it is in the history now.
      if (list.length < count.current) setTick((t) => t + 1);
      count.current = list.length;
      setPending(list);
    } catch {
      // keep the last list
    }
  };

  useEffect(() => {
    void refreshPending();
  }, [tick]);

  const polling = pending.length > 0;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refreshPending(), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [polling]);

  const written = () => setTick((t) => t + 1);
  const changed = () => {
    setVersion((v) => v + 1);
    written();
  };

  return (
    <div class="w-panel">
      <WellnessForm
        version={version}
        pending={athleteId ? [] : pending}
        onWrite={written}
        onToday={setToday}
        autoFocus={autoFocus}
        athleteId={athleteId}
      />
      {athleteId ? null : <PanelLists pending={pending} tick={tick} today={today} onChange={changed} />}
    </div>
  );
}

function PanelLists({
  pending,
  tick,
  today,
  onChange: changed,
}: {
  pending: PendingWellness[];
  tick: number;
  today: string | null;
  onChange(): void;
}) {
  return (
    <>
      <details class="w-more">
        <summary>
          Pending edits{' '}
          {pending.length > 0 ? <span class="w-warn">({pending.length})</span> : <span class="muted">(none)</span>}
        </summary>
        <PendingList pending={pending} onChange={changed} />
      </details>
      <details class="w-more">
        <summary>History and undo</summary>
        <HistoryList version={tick} onChange={changed} />
      </details>
      {today ? (
        <details class="w-more">
          <summary>Lock or unlock a date range</summary>
          <BulkLock today={today} onChange={changed} />
        </details>
      ) : null}
    </>
  );
}
