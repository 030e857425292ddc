/**
 * What the popup needs before its first frame: whether a key is stored (and for whom), then, if so, the cached
 * dashboard. Two quick messages that never touch the network (one round trip when the last popup was connected).
 * entrypoints/popup/main.tsx sends them as soon as the script runs and renders once they are answered, so the first
 * frame already shows the cached dashboard rather than "Loading…".
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

/**
 * Whether the last popup found a key stored, kept in this extension origin's localStorage (a yes/no, no athlete data):
 * with it, the popup asks for the cached dashboard together with the connection instead of after it, one round trip
 * to the background instead of two. A wrong hint costs one answer nobody uses.
 */
const CONNECTED_HINT = 'icu-companion:connected';

function hintedConnected(): boolean {
  try {
    return globalThis.localStorage?.getItem(CONNECTED_HINT) === '1';
  } catch {
    return false;
  }
}

function hintConnected(connected: boolean): void {
  try {
    if (connected) globalThis.localStorage?.setItem(CONNECTED_HINT, '1');
    else globalThis.localStorage?.removeItem(CONNECTED_HINT);
  } catch {
    // no localStorage: the popup asks one question after the other
  }
}

/** The cached dashboard; a miss or a failure only means waiting for the network. */
const cachedDashboard = () => sendMessage('getDashboard', { source: 'cache' }).catch(() => null);

export async function loadPopupStart(): Promise<ConnectionView> {
  let cached = hintedConnected() ? cachedDashboard() : null;
  let athlete: AthleteSummary;
  try {
    const state = await sendMessage('getConnection', undefined);
    hintConnected(state.connected);
    if (!state.connected) return { state: 'disconnected' };
    athlete = state.athlete;
  } catch (error) {
    return { state: 'failed', error: errorInfoOf(error) };
  }
  cached ??= cachedDashboard();
  return { state: 'connected', athlete, cached: await cached };
}

/** Whether `dashboard` is recent enough to show without asking intervals.icu (the background decides, too). */
export function isRecent(dashboard: Dashboard | null, now = Date.now()): boolean {
  if (!dashboard) return false;
  const age = now - dashboard.fetchedAt;
  return age >= 0 && age < DASHBOARD_MAX_AGE_MS;
}
