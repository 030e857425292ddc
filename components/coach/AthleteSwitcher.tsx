/**
 * "Acting on": the athlete the popup and the options page act on — "me" (the key's owner) or one of the athletes the
 * key coaches or follows (`GET /athletes`, asked again every few hours). Shown only when there is someone to choose;
 * the choice is remembered by the background, and `onChosen` lets the page reload for the new athlete.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AthletesView } from '~/lib/coach-views';
import { sendMessage } from '~/lib/messages';

export interface AthleteSwitcherProps {
  /** Called after the background switched (e.g. reload the page's data). */
  onChosen(view: AthletesView): void;
  /** Also offer a link to the roster page. */
  withRosterLink?: boolean;
  id?: string;
}

export function openRosterPage(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/roster.html') });
}

/** The roster, stored first (instant), then from intervals.icu when the stored one is old. */
export function useAthletes(): [AthletesView | null, (view: AthletesView) => void] {
  const [view, setView] = useState<AthletesView | null>(null);
  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const stored = await sendMessage('getAthletes', { source: 'cache' });
        if (alive) setView(stored);
        const fresh = await sendMessage('getAthletes', { source: 'network' });
        if (alive) setView(fresh);
      } catch {
        // Not connected, or intervals.icu unreachable: the stored list (or none) stays.
      }
    })();
    return () => {
      alive = false;
    };
  }, []);
  return [view, setView];
}

export function AthleteSwitcher({ onChosen, withRosterLink = false, id = 'athlete-switcher' }: AthleteSwitcherProps) {
  const [view, setView] = useAthletes();
  const [failed, setFailed] = useState<string | null>(null);
  if (!view || view.athletes.length < 2) return null;
  const choose = async (athleteId: string) => {
    try {
      const next = await sendMessage('chooseAthlete', { athleteId });
      setView(next);
      setFailed(null);
      onChosen(next);
    } catch (e) {
      setFailed(e instanceof Error ? e.message : 'The athlete could not be chosen.');
    }
  };
  return (
    <div class="athlete-switcher">
      <label for={id} class="visually-hidden">
        Acting on athlete
      </label>
      <select id={id} value={view.actingId} onChange={(e) => void choose((e.currentTarget as HTMLSelectElement).value)}>
        {view.athletes.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id === view.selfId ? `${a.name} (me)` : a.name}
          </option>
        ))}
      </select>
      {withRosterLink ? (
        <button type="button" class="btn btn-small" onClick={() => void openRosterPage()}>
          All athletes…
        </button>
      ) : null}
      {failed ? (
        <p class="athlete-switcher-error" role="alert">
          {failed}
        </p>
      ) : null}
    </div>
  );
}

/** One line for the extension's pages (export, upload): which athlete they act on, when the key coaches anyone. */
export function ActingOn() {
  const [view] = useAthletes();
  const acting = view?.athletes.find((a) => a.id === view.actingId);
  if (!view || view.athletes.length < 2 || !acting) return null;
  return (
    <p class="acting-on">
      For <strong>{acting.id === view.selfId ? `${acting.name} (me)` : acting.name}</strong> — the athlete chosen in the
      popup or on the options page.
    </p>
  );
}
