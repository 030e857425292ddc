/** Who is connected, how old the data is (or that fresh data is on its way), Refresh, and the way to settings. */
import type { ComponentChildren } from 'preact';
import { RefreshIcon, SettingsIcon } from '~/components/common/icons';
import type { AthleteSummary } from '~/lib/messages';

export interface PopupHeaderProps {
  athlete: AthleteSummary;
  /** Short status line under the name, e.g. "Updating…" or "Updated 5 minutes ago". Announced politely. */
  status: string;
  updating: boolean;
  /** Fetches the dashboard from intervals.icu now, however fresh the cached one is. */
  onRefresh: () => void;
  onOpenSettings: () => void;
  /** A coach's athlete switcher, under the name. */
  switcher?: ComponentChildren;
}

export function PopupHeader({ athlete, status, updating, onRefresh, onOpenSettings, switcher }: PopupHeaderProps) {
  return (
    <header class="popup-header">
      <div class="popup-who">
        <h1 class="popup-athlete" title={`${athlete.name} (${athlete.id})`}>
          {athlete.name}
        </h1>
        {switcher}
        <p class="popup-status muted" role="status" aria-live="polite">
          {updating ? <span class="spinner" aria-hidden="true" /> : null}
          <span>{status}</span>
        </p>
      </div>
      <div class="popup-tools">
        {/* Stays enabled while updating (a disabled button would drop the keyboard focus); a second press joins the
            request already out. */}
        <button
          type="button"
          class="btn btn-icon"
          onClick={onRefresh}
          aria-label="Refresh"
          title="Refresh from intervals.icu"
          aria-busy={updating}
        >
          <RefreshIcon />
        </button>
        <button type="button" class="btn btn-icon" onClick={onOpenSettings} aria-label="Settings" title="Settings">
          <SettingsIcon />
        </button>
      </div>
    </header>
  );
}
