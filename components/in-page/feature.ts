import type { PageKind, Route } from '../../lib/routes';

/**
 * One in-page feature on intervals.icu: one file in `features/`, registered in `features/index.ts`.
 * The manager mounts it only on the page kinds it serves and unmounts it when the single-page app navigates away.
 */
export interface InPageFeature {
  /** Stable kebab-case id; also the `data-feature` attribute of its slot. */
  id: string;
  /** One line for the README's feature list (a test keeps the two in step). */
  description: string;
  /** Page kinds this feature serves; it does no work anywhere else. */
  routes: readonly PageKind[];
  /** Render into `slot` (inside the extension's shadow root). Return the unmount function. */
  mount(slot: HTMLElement, context: FeatureContext): () => void;
}

export interface FeatureContext {
  route: Route;
  /** Aborted when the feature is unmounted (navigation, or the extension reloaded). */
  signal: AbortSignal;
}
