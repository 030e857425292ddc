/**
 * Turns an intervals.icu URL into the kind of page it shows and its ids. In-page features declare which kinds they
 * serve; everything else on the site is `other` and gets no work at all.
 *
 * Real-shaped URLs (the site is a single-page app; paths change without reloads):
 *   /activities/i12345678            activity, default tab
 *   /activities/i12345678/data       activity, "data" tab
 *   /calendar, /fitness, /power, /wellness, /settings
 *   /events/71001                    a planned workout (calendar event). Assumed: intervals.icu documents no URL for
 *                                    one; this table is the one place to change when the site's own form is known.
 * Coaches viewing an athlete may see the same pages under /athlete/<id>/… (assumed from the API's id scheme; the
 * prefix is accepted and reported, not required).
 */
export type PageKind = 'activity' | 'workout' | 'calendar' | 'fitness' | 'power' | 'wellness' | 'settings' | 'other';

export interface Route {
  kind: PageKind;
  /** Activity id as intervals.icu writes it ("i12345678", or a bare number for Strava imports). */
  activityId?: string;
  /** Planned workout (event) id, on a `workout` page. */
  eventId?: number;
  /** Sub-page of an activity ("timeline", "data", …), or undefined for the default tab. */
  tab?: string;
  /** Athlete id when the URL names one (coach views). */
  athleteId?: string;
}

const SECTION_KINDS: Record<string, PageKind> = {
  calendar: 'calendar',
  fitness: 'fitness',
  power: 'power',
  wellness: 'wellness',
  settings: 'settings',
};

export function parseRoute(url: string | URL): Route {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { kind: 'other' };
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== 'intervals.icu') return { kind: 'other' };

  const segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const route: Route = { kind: 'other' };
  if (segments[0] === 'athlete' && segments[1] && /^i?\d+$/.test(segments[1])) {
    route.athleteId = segments[1];
    segments.splice(0, 2);
  }

  const [section, id, tab] = segments;
  if (section === 'activities' && id && /^i?\d+$/.test(id)) {
    route.kind = 'activity';
    route.activityId = id;
    if (tab) route.tab = tab.toLowerCase();
    return route;
  }
  if (section === 'events' && id && /^\d+$/.test(id)) {
    route.kind = 'workout';
    route.eventId = Number(id);
    return route;
  }
  if (section && section in SECTION_KINDS) route.kind = SECTION_KINDS[section] as PageKind;
  return route;
}

export function activityUrl(activityId: string): string {
  return `https://intervals.icu/activities/${encodeURIComponent(activityId)}`;
}

/**
 * Where a planned workout is seen on intervals.icu. The site documents no address for one event (its calendar opens
 * an event in a popover, without a URL of its own), so links to planned workouts open the calendar.
 */
export const CALENDAR_URL = 'https://intervals.icu/calendar';
