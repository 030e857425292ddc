/**
 * What the popup needs before its first frame: whether a key is stored (and for whom), then, if so, the cached
 * dashboard. Two quick messages that never touch the network. entrypoints/popup/main.tsx sends them as soon as the
 * script runs, in parallel with Preact setting up, and renders once they are answered, so the first frame already
 * shows the cached dashboard rather than "Loading…".
 */
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { type AthleteSummary, type Dashboard, sendMessage } from '~/lib/messages';

/** A dashboard younger than this is shown as it is: opening the popup again within a minute sends no API request. */
export const DASHBOARD_MAX_AGE_MS = 60_000;

export type ConnectionView =
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'disconnected' }
  | { state: 'connected'; athlete: AthleteSummary; cached: Dashboard | null };

export async function loadPopupStart(): Promise<ConnectionView> {
  let athlete: AthleteSummary;
  try {
    const state = await sendMessage('getConnection', undefined);
    if (!state.connected) return { state: 'disconnected' };
    athlete = state.athlete;
  } catch (error) {
    return { state: 'failed', error: errorInfoOf(error) };
  }
  try {
    return { state: 'connected', athlete, cached: await sendMessage('getDashboard', { source: 'cache' }) };
  } catch {
    return { state: 'connected', athlete, cached: null }; // a cache miss or failure only means waiting for the network
  }
}

/** Whether `dashboard` is recent enough to show without asking intervals.icu (the background decides, too). */
export function isRecent(dashboard: Dashboard | null, now = Date.now()): boolean {
  if (!dashboard) return false;
  const age = now - dashboard.fetchedAt;
  return age >= 0 && age < DASHBOARD_MAX_AGE_MS;
}
