/**
 * Where the extension's in-page buttons live: a shadow root attached next to intervals.icu's own header actions
 * (`.gutter8` → last child → last child, the spot other extensions use, see ../shared/reference), or, when that
 * anchor does not appear in time, a small floating toolbar of our own. Styles are isolated in the shadow root, and
 * key events never bubble out to the site's keyboard shortcuts.
 */
import toolbarCss from './toolbar.css?inline';

export const HOST_TAG = 'icu-companion-toolbar';

export function findHeaderAnchor(doc: Document): Element | null {
  return doc.querySelector('.gutter8')?.lastElementChild?.lastElementChild ?? null;
}

/** Resolves with the anchor once it exists, or null after `timeoutMs` or when `signal` aborts. */
export function waitForHeaderAnchor(doc: Document, timeoutMs: number, signal: AbortSignal): Promise<Element | null> {
  const found = findHeaderAnchor(doc);
  if (found || signal.aborted) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (anchor: Element | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(anchor);
    };
    const onAbort = () => finish(null);
    const observer = new MutationObserver(() => {
      const anchor = findHeaderAnchor(doc);
      if (anchor) finish(anchor);
    });
    observer.observe(doc.body, { childList: true, subtree: true });
    const timer = setTimeout(() => finish(null), timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}

export interface ToolbarHost {
  element: HTMLElement;
  /** The container features render their slots into. */
  bar: HTMLElement;
  placement: 'header' | 'floating';
  remove(): void;
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export function createToolbarHost(doc: Document, anchor: Element | null): ToolbarHost {
  const element = doc.createElement(HOST_TAG);
  const placement = anchor ? 'header' : 'floating';
  element.setAttribute('data-placement', placement);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = toolbarCss;
  const bar = doc.createElement('div');
  bar.className = `bar ${placement}`;
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Companion for intervals.icu');
  shadow.append(style, bar);
  // The site binds single-key shortcuts on document; typing in our UI must not trigger them.
  for (const type of ISOLATED_EVENTS) element.addEventListener(type, (event) => event.stopPropagation());

  if (anchor) anchor.append(element);
  else doc.body.append(element);
  return { element, bar, placement, remove: () => element.remove() };
}
