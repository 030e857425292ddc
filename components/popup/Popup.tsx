/**
 * The toolbar popup: who is connected, today's wellness and the latest (or this tab's) activity, then the Wellness,
 * VO2max and Export sections. It shows the cached dashboard at once and refreshes it from intervals.icu, keeping what
 * it has when that fails.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { PopupExport } from '~/components/export/PopupExport';
import { formatAgo } from '~/components/format';
import { Vo2maxSection } from '~/components/vo2max/Vo2maxSection';
import { useWellnessIntent, WellnessSection } from '~/components/wellness/WellnessSection';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { type AthleteSummary, type Dashboard, sendMessage } from '~/lib/messages';
import { LatestActivityCard } from './LatestActivityCard';
import { NotConnected } from './NotConnected';
import { PopupHeader } from './PopupHeader';
import { useTabActivity } from './useTabActivity';
import { WellnessCard } from './WellnessCard';
import './popup.css';

export interface PopupProps {
  /** Opens the settings (options) page; the default asks the browser. */
  openSettings?: () => void;
}

function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}

type ConnectionView =
  | { state: 'loading' }
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'disconnected' }
  | { state: 'connected'; athlete: AthleteSummary };

export function Popup({ openSettings = openOptionsPage }: PopupProps) {
  const [connection, setConnection] = useState<ConnectionView>({ state: 'loading' });

  const loadConnection = useCallback(async () => {
    setConnection({ state: 'loading' });
    try {
      const state = await sendMessage('getConnection', undefined);
      setConnection(state.connected ? { state: 'connected', athlete: state.athlete } : { state: 'disconnected' });
    } catch (error) {
      setConnection({ state: 'failed', error: errorInfoOf(error) });
    }
  }, []);

  useEffect(() => {
    void loadConnection();
  }, [loadConnection]);

  switch (connection.state) {
    case 'loading':
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
            <button type="button" class="btn btn-small" onClick={loadConnection}>
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
      return <ConnectedPopup athlete={connection.athlete} openSettings={openSettings} />;
  }
}

interface ConnectedPopupProps {
  athlete: AthleteSummary;
  openSettings: () => void;
}

function ConnectedPopup({ athlete, openSettings }: ConnectedPopupProps) {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [cacheChecked, setCacheChecked] = useState(false);
  const [updating, setUpdating] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const alive = useRef(true);
  const tabActivity = useTabActivity();
  const [wellnessOpen, setWellnessOpen] = useState(false);
  useWellnessIntent(() => setWellnessOpen(true));

  const refresh = useCallback(async () => {
    setUpdating(true);
    try {
      const fresh = await sendMessage('getDashboard', { source: 'network' });
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
    void (async () => {
      try {
        const cached = await sendMessage('getDashboard', { source: 'cache' });
        if (alive.current && cached) setDashboard(cached);
      } catch {
        // A cache miss or failure only means we wait for the network.
      }
      if (!alive.current) return;
      setCacheChecked(true);
      await refresh();
    })();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  const retry = async () => {
    await refresh();
    // The notice (and the Retry button that had focus) may be gone now: keep focus inside the popup.
    if (alive.current && (document.activeElement === document.body || !document.activeElement)) {
      mainRef.current?.focus();
    }
  };

  const status = updating
    ? dashboard
      ? 'Updating…'
      : 'Loading…'
    : error
      ? dashboard
        ? `Not updated · data from ${formatAgo(dashboard.fetchedAt)}`
        : 'Could not load'
      : dashboard
        ? `Updated ${formatAgo(dashboard.fetchedAt)}`
        : '';

  return (
    <div class="popup">
      <PopupHeader
        athlete={dashboard?.athlete ?? athlete}
        status={status}
        updating={updating}
        onOpenSettings={openSettings}
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
            <WellnessCard wellness={dashboard.wellness} onEdit={() => setWellnessOpen(true)} />
            {tabActivity?.id !== dashboard.latestActivity?.id || !tabActivity ? (
              <LatestActivityCard activity={dashboard.latestActivity} />
            ) : null}
          </>
        ) : !cacheChecked || updating ? (
          <p class="muted placeholder">Loading today’s wellness and your latest activity…</p>
        ) : null}
        <WellnessSection open={wellnessOpen} onOpenChange={setWellnessOpen} />
        <Vo2maxSection activityId={tabActivity?.id ?? null} />
        <PopupExport tabActivity={tabActivity} latest={dashboard?.latestActivity ?? null} />
      </main>
    </div>
  );
}
