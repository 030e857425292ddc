/**
 * The toolbar popup: who is connected, today's wellness and the latest (or this tab's) activity, then the Wellness,
 * Plan, VO2max, Training and Export sections (all but Wellness load on demand). It shows the cached dashboard at once and asks
 * intervals.icu again only when that is older than a minute, keeping what it has when that fails; the header says how
 * old the data is, and its Refresh button fetches it now.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AthleteSwitcher } from '~/components/coach/AthleteSwitcher';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { PopupExport } from '~/components/export/PopupExport';
import { formatAgo } from '~/components/format';
import { PlanSection } from '~/components/plan/PlanSection';
import { TrainingSection } from '~/components/training/TrainingSection';
import { Vo2maxSection } from '~/components/vo2max/Vo2maxSection';
import { WellnessSection } from '~/components/wellness/WellnessSection';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { type AthleteSummary, type Dashboard, sendMessage } from '~/lib/messages';
import { usePopupIntent } from './intent';
import { LatestActivityCard } from './LatestActivityCard';
import { NotConnected } from './NotConnected';
import { PopupHeader } from './PopupHeader';
import { type ConnectionView, DASHBOARD_MAX_AGE_MS, isRecent, loadPopupStart } from './start';
import { useTabActivity } from './useTabActivity';
import { WellnessCard } from './WellnessCard';
import './popup.css';

export interface PopupProps {
  /** Opens the settings (options) page; the default asks the browser. */
  openSettings?: () => void;
  /**
   * What the background said before the first render (entrypoints/popup/main.tsx asks at once), or the promise of
   * it; without it the popup asks when it mounts.
   */
  start?: ConnectionView | Promise<ConnectionView>;
}

function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}

const isPromise = (value: unknown): value is Promise<ConnectionView> => value instanceof Promise;

export function Popup({ openSettings = openOptionsPage, start }: PopupProps) {
  const [connection, setConnection] = useState<ConnectionView | null>(() =>
    start && !isPromise(start) ? start : null,
  );

  const load = useCallback(async (from?: Promise<ConnectionView>) => {
    setConnection(null);
    setConnection(await (from ?? loadPopupStart()));
  }, []);

  useEffect(() => {
    if (connection === null) void load(isPromise(start) ? start : undefined);
  }, []);

  switch (connection?.state) {
    case undefined:
      return (
        <div class="popup popup-loading" aria-busy="true">
          <p class="muted" role="status">
            Loading…
          </p>
        </div>
      );
    case 'failed':
      return (
        <div class="popup">
          <ErrorNotice info={connection.error} compact>
            <button type="button" class="btn btn-small" onClick={() => load()}>
              Retry
            </button>
          </ErrorNotice>
        </div>
      );
    case 'disconnected':
      return (
        <div class="popup">
          <NotConnected onConnect={openSettings} />
        </div>
      );
    case 'connected':
      return <ConnectedPopup athlete={connection.athlete} cached={connection.cached} openSettings={openSettings} />;
  }
}

interface ConnectedPopupProps {
  athlete: AthleteSummary;
  /** The dashboard from the cache (null: nothing cached), shown at once. */
  cached: Dashboard | null;
  openSettings: () => void;
}

/**
 * A User Timing mark (`performance.mark`) at the first animation frame after a dashboard (the cached one, else the
 * fresh one) is in the DOM: when the popup is ready to read. `npm run measure:popup` times the popup by it.
 */
export const DASHBOARD_SHOWN_MARK = 'icu-companion:dashboard-shown';
let dashboardShown = false;

function useDashboardShownMark(shown: boolean): void {
  useLayoutEffect(() => {
    if (!shown || dashboardShown) return;
    dashboardShown = true;
    requestAnimationFrame(() => performance.mark?.(DASHBOARD_SHOWN_MARK));
  }, [shown]);
}

/** Re-renders every `ms` while mounted, so "Updated 3 minutes ago" stays true while the popup is open. */
function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

function ConnectedPopup({ athlete, cached, openSettings }: ConnectedPopupProps) {
  const [dashboard, setDashboard] = useState<Dashboard | null>(cached);
  // A dashboard younger than a minute is not fetched again: no "Updating…" for it.
  const [updating, setUpdating] = useState(() => !isRecent(cached));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const alive = useRef(true);
  const tabActivity = useTabActivity();
  const [wellnessOpen, setWellnessOpen] = useState(false);
  const [saveToday, setSaveToday] = useState(false);
  usePopupIntent((view) => (view === 'wellness' ? setWellnessOpen(true) : setSaveToday(true)));
  useTick(15_000);
  useDashboardShownMark(dashboard !== null);

  /**
   * `open`: what opening the popup asks, the network only for a dashboard older than DASHBOARD_MAX_AGE_MS (the
   * background checks its cache). `refresh` (the Refresh button, Retry): from intervals.icu however fresh.
   */
  const update = useCallback(async (how: 'open' | 'refresh', shown: Dashboard | null) => {
    if (how === 'refresh' || !isRecent(shown)) setUpdating(true);
    try {
      const fresh = await sendMessage(
        'getDashboard',
        how === 'open' ? { source: 'network', maxAgeMs: DASHBOARD_MAX_AGE_MS } : { source: 'network' },
      );
      if (!alive.current) return;
      if (fresh) setDashboard(fresh);
      setError(null);
    } catch (e) {
      if (alive.current) setError(errorInfoOf(e));
    } finally {
      if (alive.current) setUpdating(false);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void update('open', cached);
    return () => {
      alive.current = false;
    };
  }, [update]);

  const refresh = () => update('refresh', dashboard);

  // Opened on a coached athlete's activity: act on that athlete (remembered, like a choice in the switcher).
  const shownId = dashboard?.athlete.id ?? athlete.id;
  useEffect(() => {
    const owner = tabActivity?.athleteId;
    if (!owner || owner === shownId) return;
    sendMessage('chooseAthlete', { athleteId: owner }).then(
      () => location.reload(),
      () => {}, // not an athlete this key coaches: stay
    );
  }, [tabActivity?.athleteId, shownId]);

  const retry = async () => {
    await refresh();
    // The notice (and the Retry button that had focus) may be gone now: keep focus inside the popup.
    if (alive.current && (document.activeElement === document.body || !document.activeElement)) {
      mainRef.current?.focus();
    }
  };

  const now = Date.now();
  const status = updating
    ? dashboard
      ? 'Updating…'
      : 'Loading…'
    : error
      ? dashboard
        ? `Not updated · data from ${formatAgo(dashboard.fetchedAt, now)}`
        : 'Could not load'
      : dashboard
        ? `Updated ${formatAgo(dashboard.fetchedAt, now)}`
        : '';

  return (
    <div class="popup">
      <PopupHeader
        athlete={dashboard?.athlete ?? athlete}
        status={status}
        updating={updating}
        onRefresh={refresh}
        onOpenSettings={openSettings}
        switcher={<AthleteSwitcher onChosen={() => location.reload()} withRosterLink />}
      />
      <main class="popup-main" ref={mainRef} tabIndex={-1} aria-label="Dashboard">
        {error ? (
          <ErrorNotice info={error} compact>
            <button type="button" class="btn btn-small" onClick={retry} disabled={updating}>
              {updating ? 'Retrying…' : 'Retry'}
            </button>
            {error.kind === 'auth' ? (
              <button type="button" class="btn btn-small" onClick={openSettings}>
                Open settings
              </button>
            ) : null}
          </ErrorNotice>
        ) : null}
        {tabActivity ? <LatestActivityCard id="tab-activity" title="This activity" activity={tabActivity} /> : null}
        {dashboard ? (
          <>
            <WellnessCard
              wellness={dashboard.wellness}
              timezone={dashboard.timezone}
              onEdit={() => setWellnessOpen(true)}
            />
            {tabActivity?.id !== dashboard.latestActivity?.id || !tabActivity ? (
              <LatestActivityCard activity={dashboard.latestActivity} />
            ) : null}
          </>
        ) : updating ? (
          <p class="muted placeholder">Loading today’s wellness and your latest activity…</p>
        ) : null}
        <WellnessSection open={wellnessOpen} onOpenChange={setWellnessOpen} />
        <PlanSection saveToday={saveToday} />
        <Vo2maxSection activityId={tabActivity?.id ?? null} />
        <TrainingSection />
        <PopupExport tabActivity={tabActivity} latest={dashboard?.latestActivity ?? null} />
      </main>
    </div>
  );
}
