/**
 * The quick wellness panel on intervals.icu pages (loaded on demand by components/in-page/features/quick-wellness):
 * the same WellnessPanel as the popup, in a shadow root of its own, so the site's styles cannot reach it and ours cannot
 * leak out. Its stylesheet (theme, wellness.css and in-page-panel.css, built as /assets/wellness-panel-style.css) is
 * a file of its own, fetched alongside this script, as WXT's shadow-root UIs do: CSS in a file, not in a JavaScript
 * string. Escape or × closes it.
 */
import { render } from 'preact';
import type { PanelAthlete, WellnessPanelScript } from '~/components/in-page/features/quick-wellness';
import { WellnessPanel } from './WellnessPanel';

function InPagePanel({ onClose, athlete }: { onClose(): void; athlete?: PanelAthlete }) {
  return (
    <div
      class="ip-panel"
      role="dialog"
      aria-labelledby="ip-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div class="ip-head">
        <div>
          <h2 class="ip-title" id="ip-title">
            {athlete ? `Wellness · ${athlete.name}` : 'Wellness'}
          </h2>
          <p class="ip-sub muted">Companion for intervals.icu</p>
        </div>
        <button type="button" class="btn btn-icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <WellnessPanel autoFocus athleteId={athlete?.id} />
    </div>
  );
}

export const wellnessPanel: WellnessPanelScript = {
  mount(host, { onClose, css, athlete }) {
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    const root = document.createElement('div');
    shadow.append(style, root);
    render(<InPagePanel onClose={onClose} athlete={athlete} />, root);
    return () => {
      render(null, root);
      root.remove();
      style.remove();
    };
  },
};
