/**
 * Mounts the registered in-page features that serve the current intervals.icu route and unmounts them when the
 * single-page app navigates. No duplicates (one host, one slot per feature), no leaks (every mount gets an
 * AbortSignal and an unmount), and no work at all on routes no feature serves: not even a DOM query.
 */
import { parseRoute, type Route } from '../../lib/routes';
import type { InPageFeature } from './feature';
import { createToolbarHost, type ToolbarHost, waitForHeaderAnchor } from './toolbar-host';

export interface FeatureManagerOptions {
  features: readonly InPageFeature[];
  document: Document;
  /** How long to wait for the site's header before falling back to the floating toolbar. */
  anchorTimeoutMs?: number;
}

interface Mounted {
  feature: InPageFeature;
  controller: AbortController;
  unmount: () => void;
}

export interface FeatureManager {
  /** Call on start and on every location change. Resolves once the features for `url` are mounted. */
  update(url: string): Promise<void>;
  /** Unmount everything (the extension was reloaded or the page is going away). */
  destroy(): void;
  readonly mountedIds: readonly string[];
  readonly placement: ToolbarHost['placement'] | null;
}

/** Two routes that show the same page header keep the features mounted (switching activity tabs). */
function pageKey(route: Route): string {
  return `${route.kind}:${route.activityId ?? route.eventId ?? ''}`;
}

export function createFeatureManager({
  features,
  document: doc,
  anchorTimeoutMs = 3000,
}: FeatureManagerOptions): FeatureManager {
  let host: ToolbarHost | null = null;
  let mounted: Mounted[] = [];
  let currentKey = '';
  let navigation = new AbortController();
  let lastUrl = '';
  let hostWatcher: MutationObserver | null = null;

  // The site re-renders its header (data loading, tab switches) and may drop our host with it: put it back.
  const watchHost = (update: (url: string) => Promise<void>) => {
    hostWatcher?.disconnect();
    hostWatcher = new MutationObserver(() => {
      if (host && !host.element.isConnected) void update(lastUrl);
    });
    hostWatcher.observe(doc.body, { childList: true, subtree: true });
  };

  const unmountAll = () => {
    hostWatcher?.disconnect();
    hostWatcher = null;
    for (const entry of mounted) {
      entry.controller.abort();
      entry.unmount();
    }
    mounted = [];
    host?.remove();
    host = null;
  };

  const update = async (url: string): Promise<void> => {
    lastUrl = url;
    const route = parseRoute(url);
    const wanted = features.filter((f) => f.routes.includes(route.kind));
    const key = wanted.length > 0 ? pageKey(route) : '';
    // The site may re-render its header and drop our host: remount when that happened.
    if (key === currentKey && (key === '' || host?.element.isConnected)) return;

    navigation.abort();
    navigation = new AbortController();
    const { signal } = navigation;
    unmountAll();
    currentKey = key;
    if (wanted.length === 0) return;

    const anchor = await waitForHeaderAnchor(doc, anchorTimeoutMs, signal);
    if (signal.aborted) return;
    host = createToolbarHost(doc, anchor);
    for (const feature of wanted) {
      const slot = doc.createElement('span');
      slot.dataset.feature = feature.id;
      host.bar.append(slot);
      const controller = new AbortController();
      const unmountFeature = feature.mount(slot, { route, signal: controller.signal });
      mounted.push({
        feature,
        controller,
        unmount: () => {
          unmountFeature();
          slot.remove();
        },
      });
    }
    watchHost(update);
  };

  return {
    get mountedIds() {
      return mounted.map((m) => m.feature.id);
    },
    get placement() {
      return host?.placement ?? null;
    },
    update,
    destroy() {
      navigation.abort();
      unmountAll();
      currentKey = '';
    },
  };
}
