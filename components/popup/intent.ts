/**
 * What the popup was opened for (a shortcut's intent, or the URL hash when it was opened in a tab): `wellness` opens
 * the wellness form, `plan-today` saves today's workout. lib/popup-intent (and WXT's storage with it) is loaded on
 * demand: the popup's first load has no other use for it.
 */
import { useEffect } from 'preact/hooks';
import type { PopupView } from '~/lib/popup-intent';

export function usePopupIntent(open: (view: PopupView) => void): void {
  useEffect(() => {
    import('~/lib/popup-intent')
      .then((intent) => intent.takePopupIntent(location.hash))
      .then((view) => {
        if (view) open(view);
      })
      .catch(() => {});
  }, []);
}
