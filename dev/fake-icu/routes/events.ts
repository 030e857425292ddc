/**
 * GET /athlete/{id}/events{format}: calendar events whose start day is in [oldest, newest]. oldest defaults to today
 * in the athlete's time zone, newest to oldest + 6 days (inclusive). `ext` (zwo, mrc, erg, fit) adds the workout
 * file to each workout and `resolve=true` resolves its targets (routes/plan.ts).
 */
import { badRequest, csv, json, listParam } from '../http';
import type { Router } from '../router';
import { addDays, isIsoDay } from '../time';
import { type App, athleteFor, isReply, today } from './app';
import { listExt, listedEvent } from './plan';

export function eventRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}/events{format}', ({ params, query, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const format = params.format ?? '';
    if (!['', '.json', '.csv'].includes(format)) return badRequest(`Unsupported format ${format}`);
    const oldest = query.get('oldest')?.slice(0, 10) ?? today(app, athlete);
    const newest = query.get('newest')?.slice(0, 10) ?? addDays(oldest, 6);
    if (!isIsoDay(oldest) || !isIsoDay(newest)) return badRequest('oldest and newest must be local ISO-8601 dates');
    const categories = listParam(query, 'category');
    const limit = query.has('limit') ? Number(query.get('limit')) : Number.POSITIVE_INFINITY;
    if (!(limit >= 0)) return badRequest(`Invalid limit: ${query.get('limit')}`);
    const ext = listExt(query.get('ext'));
    if (isReply(ext)) return ext;
    const resolve = query.get('resolve') === 'true';
    const found = athlete.events
      .filter((e) => {
        const day = e.start_date_local.slice(0, 10);
        return day >= oldest && day <= newest && (!categories || categories.includes(e.category));
      })
      .sort((a, b) => a.start_date_local.localeCompare(b.start_date_local))
      .slice(0, limit);
    if (format === '.csv') {
      const cols = [
        'id',
        'start_date_local',
        'end_date_local',
        'category',
        'type',
        'name',
        'moving_time',
        'icu_training_load',
      ];
      return csv([cols, ...found.map((e) => cols.map((c) => e[c] as string | number | undefined))]);
    }
    return json(found.map((e) => listedEvent(app, athlete, e, ext, resolve)));
  });
}
