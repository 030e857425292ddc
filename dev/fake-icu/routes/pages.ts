/**
 * Minimal stand-ins for intervals.icu's web pages (the real site is a single-page app). They give the content script
 * something to run on when a browser is routed here: a header with the `.gutter8` actions anchor the in-page toolbar
 * looks for, and the page kind and ids in data attributes. Not a copy of the site.
 */
import type { Reply } from '../http';
import type { App } from './app';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(app: App, path: string): Reply {
  const activity = /^\/activities\/([^/]+)/.exec(path)?.[1];
  const found = activity ? app.state.seed.activities.find((a) => a.id === activity) : undefined;
  const title =
    found?.kind === 'upload'
      ? String(found.activity.name)
      : found
        ? 'Strava activity'
        : (path.split('/').filter(Boolean)[0] ?? 'Intervals.icu');
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Intervals.icu</title>
<style>body{font-family:sans-serif;margin:0}.gutter8{display:flex;justify-content:space-between;padding:8px;background:#1e2a38;color:#fff}main{padding:16px}</style>
</head><body data-fake-icu="page" data-path="${escapeHtml(path)}">
<div class="gutter8"><div><strong>intervals.icu</strong> (local stand-in)</div><div><div class="header-actions"></div></div></div>
<main><h1>${escapeHtml(title)}</h1>${activity ? `<p data-activity-id="${escapeHtml(activity)}">Activity ${escapeHtml(activity)}</p>` : ''}</main>
</body></html>`;
  return { status: found || !activity ? 200 : 404, body, contentType: 'text/html; charset=utf-8' };
}
