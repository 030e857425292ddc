/** Who is connected, whether fresh data is on its way, and the way to settings. */
import { SettingsIcon } from '~/components/common/icons';
import type { AthleteSummary } from '~/lib/messages';

export interface PopupHeaderProps {
  athlete: AthleteSummary;
  /** Short status line under the name, e.g. "Updating…" or "Updated 5 minutes ago". Announced politely. */
  status: string;
  updating: boolean;
  onOpenSettings: () => void;
}

export function PopupHeader({ athlete, status, updating, onOpenSettings }: PopupHeaderProps) {
  return (
    <header class="popup-header">
      <div class="popup-who">
        <h1 class="popup-athlete" title={`${athlete.name} (${athlete.id})`}>
          {athlete.name}
        </h1>
        <p class="popup-status muted" role="status" aria-live="polite">
          {updating ? <span class="spinner" aria-hidden="true" /> : null}
          <span>{status}</span>
        </p>
      </div>
      <button type="button" class="btn btn-icon" onClick={onOpenSettings} aria-label="Settings" title="Settings">
        <SettingsIcon />
      </button>
    </header>
  );
}
