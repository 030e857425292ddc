/**
 * The options page: connect to intervals.icu, or see who is connected and forget the key. Later settings add their
 * own sections below when they exist.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { AthleteSwitcher } from '~/components/coach/AthleteSwitcher';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { PlanSettings } from '~/components/plan/PlanSettings';
import { UploadPageLink } from '~/components/upload/UploadPageLink';
import { Vo2maxSettings } from '~/components/vo2max/Vo2maxSettings';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { type AthleteSummary, sendMessage } from '~/lib/messages';
import { ConnectedAccount } from './ConnectedAccount';
import { ConnectForm } from './ConnectForm';
import { Shortcuts } from './Shortcuts';
import './settings.css';

type View =
  | { state: 'loading' }
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'disconnected'; forgotten: boolean }
  | { state: 'connected'; athlete: AthleteSummary; justConnected: boolean };

export function SettingsPage() {
  const [view, setView] = useState<View>({ state: 'loading' });

  const load = useCallback(async () => {
    setView({ state: 'loading' });
    try {
      const connection = await sendMessage('getConnection', undefined);
      setView(
        connection.connected
          ? { state: 'connected', athlete: connection.athlete, justConnected: false }
          : { state: 'disconnected', forgotten: false },
      );
    } catch (error) {
      setView({ state: 'failed', error: errorInfoOf(error) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div class="settings">
      <header class="settings-header">
        <h1>Companion for intervals.icu</h1>
      </header>
      <main class="settings-card">
        {view.state === 'loading' ? (
          <p class="muted" role="status">
            Loading…
          </p>
        ) : view.state === 'failed' ? (
          <ErrorNotice info={view.error}>
            <button type="button" class="btn btn-small" onClick={load}>
              Retry
            </button>
          </ErrorNotice>
        ) : view.state === 'connected' ? (
          <>
            <ConnectedAccount
              athlete={view.athlete}
              justConnected={view.justConnected}
              onForgotten={() => setView({ state: 'disconnected', forgotten: true })}
            />
            <AthleteSwitcher id="options-athlete" onChosen={() => {}} withRosterLink />
          </>
        ) : (
          <ConnectForm
            onConnected={(athlete) => setView({ state: 'connected', athlete, justConnected: true })}
            initialStatus={view.forgotten ? 'Key forgotten and cached data deleted.' : undefined}
            autoFocus={view.forgotten}
          />
        )}
      </main>
      <section class="settings-card" aria-labelledby="vo2max-settings-heading">
        <Vo2maxSettings />
      </section>
      <section class="settings-card" aria-labelledby="plan-settings-heading">
        <PlanSettings />
      </section>
      <section class="settings-card">
        <Shortcuts />
      </section>
      <nav class="settings-links" aria-label="More">
        <UploadPageLink />
      </nav>
    </div>
  );
}
