/**
 * The quick wellness panel on intervals.icu pages (loaded on demand by components/in-page/features/quick-wellness):
 * the same WellnessPanel as the popup, in a shadow root of its own with the extension's theme inlined, so the site's
 * styles cannot reach it and ours cannot leak out. Escape or × closes it.
 */
import { render } from 'preact';
import themeCss from '~/components/common/theme.css?inline';
import type { WellnessPanelModule } from '~/components/in-page/features/quick-wellness';
import { WellnessPanel } from './WellnessPanel';
import wellnessCss from './wellness.css?inline';

const PANEL_CSS = `
:host {
  all: initial;
  position: fixed;
  top: 64px;
  right: 16px;
  z-index: 2147483000;
  width: 372px;
  max-width: calc(100vw - 32px);
  max-height: calc(100vh - 80px);
  overflow: auto;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--bg);
  color: var(--text);
  font-family: var(--font);
  font-size: var(--font-size);
  line-height: 1.4;
  box-shadow: 0 6px 24px rgb(0 0 0 / 25%);
}
.ip-panel { padding: 10px 12px 12px; }
.ip-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
.ip-title { font-size: 15px; font-weight: 600; }
.ip-sub { font-size: 11.5px; }
`;

function InPagePanel({ onClose }: { onClose(): void }) {
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
            Wellness
          </h2>
          <p class="ip-sub muted">Companion for intervals.icu</p>
        </div>
        <button type="button" class="btn btn-icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <WellnessPanel autoFocus />
    </div>
  );
}

export const wellnessPanel: WellnessPanelModule = {
  mount(host, { onClose }) {
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    // theme.css declares its variables on :root, which a shadow root does not have: they go on the host instead.
    style.textContent = `${themeCss.replaceAll(':root', ':host')}\n${wellnessCss}\n${PANEL_CSS}`;
    const root = document.createElement('div');
    shadow.append(style, root);
    render(<InPagePanel onClose={onClose} />, root);
    return () => {
      render(null, root);
      root.remove();
      style.remove();
    };
  },
};
