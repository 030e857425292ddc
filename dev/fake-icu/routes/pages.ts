/**
 * Stand-ins for intervals.icu's web pages, close enough to the real single-page app (see
 * ../shared/reference/intervals-activity-page.png) for the in-page features to be tested for real:
 *
 * - one HTML shell for every non-API path; a small client-side router renders the page for the current path and
 *   follows links (`pushState`, no reload), re-rendering the whole view as the real app does on navigation;
 * - activity pages (`/activities/<id>` and tabs `/data`, `/power`…), for the key owner's activities and those of the
 *   athletes they coach (the real site shows a coach the athlete's activity at the same URL; the page carries
 *   `data-athlete-id`, the activity's `icu_athlete_id`, and the athlete's name, FTP and weight), have the header whose `.gutter8` → last child →
 *   last child is the actions area other extensions inject into, tabs TIMELINE / DATA, a notes panel and a chart bar;
 * - `?layout=noanchor` renders the same header without `.gutter8`, to test the floating-toolbar fallback;
 * - the calendar lists the planned workouts, each linking to its own page (`/events/<id>`, an assumed URL: see
 *   lib/routes.ts), which has the same header shape as an activity's;
 * - calendar, fitness, power, wellness and settings pages with a nav bar, listing the key owner's activities; a single-key shortcut handler on document
 *   (like the site's) that counts key presses in `window.__siteShortcuts`;
 * - light and dark, following the system.
 * Not a copy of the site: the data shown comes from the seed, embedded as JSON (pages never call the API).
 */
import type { AthleteState } from '../athlete-state';
import type { Reply } from '../http';
import type { App } from './app';

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** What an activity header shows of its athlete: the seeded FTP and weight, as the site's header does. */
function headerFigures(athlete: AthleteState) {
  const ftp = athlete.seed.sportSettings.find((s) => s.types.includes('Ride'))?.ftp;
  return {
    id: athlete.id,
    name: String(athlete.seed.athlete.name),
    ftp: ftp === undefined ? null : `${ftp}w`,
    weight: athlete.seed.athlete.weight ?? null,
  };
}

function seedForPages(app: App) {
  const athletes = [...app.state.athletes.values()];
  return {
    athlete: { id: app.state.seed.athlete.id, name: app.state.seed.athlete.name },
    athletes: Object.fromEntries(athletes.map((a) => [a.id, headerFigures(a)])),
    activities: athletes.flatMap((athlete) =>
      athlete.activities.map((a) =>
        a.kind === 'upload'
          ? {
              id: a.id,
              athlete: athlete.id,
              name: a.activity.name,
              type: a.activity.type,
              start: a.activity.start_date_local,
              load: a.activity.icu_training_load ?? null,
              moving: a.activity.moving_time ?? null,
            }
          : {
              id: a.id,
              athlete: athlete.id,
              name: 'Strava activity',
              type: null,
              start: a.stub.start_date_local,
              load: null,
              moving: null,
            },
      ),
    ),
    workouts: app.state.events
      .filter((e) => e.category === 'WORKOUT')
      .map((e) => ({
        id: e.id,
        name: e.name ?? 'Workout',
        type: e.type ?? null,
        start: e.start_date_local,
        load: e.icu_training_load ?? null,
        moving: e.moving_time ?? null,
        description: e.description ?? '',
      })),
  };
}

export function page(app: App, path: string): Reply {
  const activityId = /^\/activities\/([^/?#]+)/.exec(path)?.[1];
  const eventId = /^\/events\/([^/?#]+)/.exec(path)?.[1];
  const known = activityId
    ? [...app.state.athletes.values()].some((athlete) => athlete.activities.some((a) => a.id === activityId))
    : eventId
      ? app.state.events.some((e) => String(e.id) === eventId)
      : true;
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
<title>Intervals.icu</title>
<style>${CSS}</style>
</head><body data-fake-icu="page">
<nav class="topnav"><a href="/calendar" data-nav>Calendar</a><a href="/fitness" data-nav>Fitness</a>
<a href="/power" data-nav>Power</a><a href="/wellness" data-nav>Wellness</a><a href="/settings" data-nav>Settings</a></nav>
<div id="app"></div>
<script id="seed" type="application/json">${escapeJson(seedForPages(app))}</script>
<script>${ROUTER}</script>
</body></html>`;
  return { status: known ? 200 : 404, body, contentType: 'text/html; charset=utf-8' };
}

const CSS = `
:root{--bg:#f3f4f6;--card:#fff;--text:#222;--muted:#666;--link:#1e88e5;--line:#e3e3e3}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--card:#1e1e1e;--text:#e6e6e6;--muted:#9a9a9a;--link:#64b5f6;--line:#333}}
body{margin:0;font:14px Roboto,system-ui,sans-serif;background:var(--bg);color:var(--text)}
a{color:var(--link);text-decoration:none}
.topnav{display:flex;gap:20px;padding:10px 24px;background:var(--card);border-bottom:1px solid var(--line);font-weight:500}
.card{margin:16px 24px;background:var(--card);border-radius:4px;box-shadow:0 1px 3px rgb(0 0 0 / 15%)}
.gutter8,.header{display:flex;justify-content:space-between;align-items:flex-start;padding:12px 16px}
.hdr-left{display:flex;gap:40px}.hdr-left small{color:var(--muted)}
.hdr-right{display:flex;flex-direction:column;align-items:flex-end;gap:10px}
.hdr-right .figures{display:flex;gap:28px;color:var(--muted)}
.hdr-right .actions{display:flex;align-items:center;gap:12px}
.tabs{display:flex;gap:24px;padding:0 16px;border-bottom:1px solid var(--line)}
.tabs a{padding:10px 0;color:var(--text);font-weight:500;text-transform:uppercase}
.tabs a.active{color:var(--link);border-bottom:2px solid var(--link)}
.body{display:flex;min-height:320px}.chart{flex:1;padding:16px;color:var(--muted)}
.notes{width:240px;border-left:1px solid var(--line);padding:12px}
.toolbar{display:flex;gap:28px;justify-content:center;padding:12px;border-top:1px solid var(--line);color:var(--link);font-weight:500}
table{border-collapse:collapse;width:100%}td,th{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left}
`;

/** Runs in the page. Plain ES2020, no build step. */
const ROUTER = `
(() => {
  const seed = JSON.parse(document.getElementById('seed').textContent);
  const app = document.getElementById('app');
  window.__siteShortcuts = 0;
  document.addEventListener('keydown', (e) => { if (!e.ctrlKey && !e.metaKey && e.key.length === 1) window.__siteShortcuts++; });
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const hm = (s) => s == null ? '?' : Math.floor(s / 3600) + ':' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');

  function activityView(id, tab, noAnchor) {
    const a = seed.activities.find((x) => x.id === id);
    if (!a) return '<div class="card" style="padding:16px">Activity not found</div>';
    const base = '/activities/' + encodeURIComponent(id);
    const headerClass = noAnchor ? 'header' : 'gutter8';
    const who = seed.athletes[a.athlete] || {};
    const coached = a.athlete !== seed.athlete.id ? '<small class="athlete-name">' + esc(who.name) + '</small><br>' : '';
    return '<div class="card" data-activity-id="' + esc(id) + '" data-athlete-id="' + esc(a.athlete) + '">' +
      '<div class="' + headerClass + '">' +
        '<div class="hdr-left"><div>' + coached + '<b>' + esc(a.name) + '</b><br><small>' + esc(a.start) + '</small></div>' +
        '<div>Load<br><b>' + esc(a.load ?? '?') + '</b></div><div>Time<br><b>' + hm(a.moving) + '</b></div></div>' +
        '<div class="hdr-right"><div class="figures"><span>FTP <b>' + esc(who.ftp ?? '–') + '</b></span><span>Weight <b>' + esc(who.weight ?? '?') + '</b></span></div>' +
        '<div class="actions"><span>~ ' + esc(a.type ?? 'Strava') + '</span></div></div>' +
      '</div>' +
      '<nav class="tabs"><a data-nav href="' + base + '"' + (tab ? '' : ' class="active"') + '>Timeline</a>' +
      '<a data-nav href="' + base + '/data"' + (tab === 'data' ? ' class="active"' : '') + '>Data</a></nav>' +
      '<div class="body"><div class="chart">' + (tab === 'data' ? 'Intervals table' : 'Timeline chart') + '</div>' +
      '<div class="notes"><b>Notes</b><p>No description</p><input placeholder="Type a note or comment" aria-label="Note"></div></div>' +
      '<div class="toolbar"><span>CHARTS</span><span>FIELDS</span><span>OPTIONS</span><span>ACTIONS</span></div></div>';
  }

  function listView(title) {
    const rows = seed.activities.filter((a) => a.athlete === seed.athlete.id).map((a) => '<tr><td>' + esc(a.start) + '</td><td><a data-nav href="/activities/' +
      encodeURIComponent(a.id) + '">' + esc(a.name) + '</a></td><td>' + esc(a.type ?? '') + '</td></tr>').join('');
    return '<div class="card" style="padding:8px 16px"><h2>' + esc(title) + '</h2><table>' + rows + '</table></div>';
  }

  function plannedView() {
    const rows = seed.workouts.map((w) => '<tr data-event-id="' + esc(w.id) + '"><td>' + esc(w.start) +
      '</td><td><a data-nav href="/events/' + encodeURIComponent(w.id) + '">' + esc(w.name) + '</a></td><td>' +
      esc(w.type ?? '') + '</td><td>' + hm(w.moving) + '</td></tr>').join('');
    return '<div class="card" style="padding:8px 16px"><h2>Planned</h2><table>' + rows + '</table></div>';
  }

  function eventView(id, noAnchor) {
    const w = seed.workouts.find((x) => String(x.id) === id);
    if (!w) return '<div class="card" style="padding:16px">Workout not found</div>';
    return '<div class="card" data-event-id="' + esc(id) + '">' +
      '<div class="' + (noAnchor ? 'header' : 'gutter8') + '">' +
        '<div class="hdr-left"><div><b>' + esc(w.name) + '</b><br><small>' + esc(w.start) + '</small></div>' +
        '<div>Load<br><b>' + esc(w.load ?? '?') + '</b></div><div>Time<br><b>' + hm(w.moving) + '</b></div></div>' +
        '<div class="hdr-right"><div class="figures"><span>Planned</span></div>' +
        '<div class="actions"><span>~ ' + esc(w.type ?? '') + '</span></div></div>' +
      '</div><pre class="chart">' + esc(w.description) + '</pre></div>';
  }

  function render() {
    const url = new URL(location.href);
    const parts = url.pathname.split('/').filter(Boolean);
    const noAnchor = url.searchParams.get('layout') === 'noanchor';
    if (parts[0] === 'activities' && parts[1]) app.innerHTML = activityView(decodeURIComponent(parts[1]), parts[2], noAnchor);
    else if (parts[0] === 'events' && parts[1]) app.innerHTML = eventView(decodeURIComponent(parts[1]), noAnchor);
    else if (parts[0] === 'calendar') app.innerHTML = plannedView() + listView('Calendar');
    else app.innerHTML = listView(({ calendar: 'Calendar', fitness: 'Fitness', power: 'Power curve', wellness: 'Wellness', settings: 'Settings' })[parts[0]] || 'Activities');
    document.title = (document.querySelector('[data-activity-id] b, [data-event-id] .hdr-left b')?.textContent || 'Intervals.icu') + ' - Intervals.icu';
  }

  document.addEventListener('click', (e) => {
    const link = e.target.closest && e.target.closest('a[data-nav]');
    if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    const next = new URL(link.getAttribute('href'), location.href);
    if (new URL(location.href).searchParams.get('layout')) next.search = location.search;
    history.pushState({}, '', next);
    render();
  });
  window.addEventListener('popstate', render);
  // Like the real app, the view appears a moment after the document loads (data arriving).
  setTimeout(render, 150);
})();
`;
