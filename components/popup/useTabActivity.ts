/**
 * The activity open in the current tab, if the tab is an intervals.icu activity page: the popup opens focused on it.
 * The tab id comes from `tabs.query` (no `tabs` permission needed for ids); the background knows the tab's page from
 * its content script. Cached summary first, then fresh unless that is younger than a minute (no request then).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ActivitySummary, sendMessage } from '~/lib/messages';
import { DASHBOARD_MAX_AGE_MS } from './start';

export function useTabActivity(): ActivitySummary | null {
  const [activity, setActivity] = useState<ActivitySummary | null>(null);

  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (tab?.id === undefined) return;
        const route = await sendMessage('getTabPage', { tabId: tab.id });
        if (route?.kind !== 'activity' || !route.activityId) return;
        const { activityId } = route;
        const cached = await sendMessage('getActivitySummary', { activityId, source: 'cache' });
        if (alive && cached) setActivity(cached);
        const fresh = await sendMessage('getActivitySummary', {
          activityId,
          source: 'network',
          maxAgeMs: DASHBOARD_MAX_AGE_MS,
        });
        if (alive && fresh) setActivity(fresh);
      } catch {
        // Not on an activity page, or it cannot be read now: the popup shows the latest activity as usual.
      }
    })();
    return () => {
      alive = false;
    };
  }, []);

  return activity;
}
