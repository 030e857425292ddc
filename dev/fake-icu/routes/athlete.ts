/**
 * GET /athlete/{id} (WithSportSettings) and the sport settings: list, one (by numeric id or activity type, e.g.
 * "Ride"), PUT one or many, and PUT …/apply.
 *
 * Writes change only the fields sent (as intervals.icu's other partial writes do; not documented for sport settings,
 * which is why the extension reads back and checks; `partialSportSettings: false` makes the body replace the record). `id`, `athlete_id`, `types` and `created` are kept; `updated`
 * is set to now. With `recalcHrZones=true` a new LTHR or max HR moves the HR zones in proportion, as the site's own
 * "recalculate" does. A body that does not match the spec's SportSettings answers 422 with the reason; an unknown id
 * or a sport without settings answers 404. `apply` answers at once (the real work is asynchronous) and is recorded.
 */

import type { AthleteState } from '../athlete-state';
import { error, json, type Reply } from '../http';
import { validateRequestBody } from '../openapi-validate';
import type { Router } from '../router';
import type { SportSettingsSeed } from '../seed/athlete';
import { icuTimestamp } from '../time';
import { type App, athleteFor, isReply as isAthleteReply } from './app';

const KEPT = new Set(['id', 'athlete_id', 'types', 'created', 'updated']);

function findSettings(athlete: AthleteState, id: string | undefined): SportSettingsSeed | Reply {
  const found = athlete.sportSettings.find((s) => String(s.id) === id || s.types.includes(id ?? ''));
  return found ?? error(404, `Sport settings not found: ${id}`);
}

const isReply = (value: SportSettingsSeed | Reply): value is Reply => 'status' in value && !('types' in value);

function write(app: App, target: SportSettingsSeed, body: Record<string, unknown>, recalcHrZones: boolean) {
  const before = { lthr: target.lthr, max_hr: target.max_hr };
  const record = target as unknown as Record<string, unknown>;
  if (!app.partialSportSettings) {
    // The undocumented opposite: the body is the whole record.
    for (const key of Object.keys(record)) if (!KEPT.has(key) && !Object.hasOwn(body, key)) delete record[key];
  }
  for (const [key, value] of Object.entries(body)) {
    if (!KEPT.has(key) && value !== undefined && value !== null) record[key] = value;
  }
  if (recalcHrZones && target.hr_zones && (target.lthr !== before.lthr || target.max_hr !== before.max_hr)) {
    const scale = target.max_hr / before.max_hr;
    target.hr_zones = target.hr_zones.map((bpm, i, all) =>
      i === all.length - 1 ? target.max_hr : Math.round(bpm * scale),
    );
  }
  record.updated = icuTimestamp(app.now());
}

function badBody(method: string, path: string, body: unknown): Reply | null {
  const result = validateRequestBody(method, path, body, { strict: true });
  return result.valid ? null : error(422, `Invalid sport settings: ${result.errors.join('; ')}`);
}

/** GET /athlete/{id}: the seeded profile with the live sport settings and the latest wellness weight. */
export function athleteProfile(athlete: AthleteState): Record<string, unknown> {
  const latest = [...athlete.wellness.values()]
    .filter((w) => w.weight !== undefined)
    .sort((a, b) => b.id.localeCompare(a.id))[0];
  return {
    ...athlete.seed.athlete,
    sportSettings: athlete.sportSettings,
    icu_weight: latest?.weight ?? athlete.seed.athlete.icu_weight,
  };
}

export function athleteRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isAthleteReply(athlete)) return athlete;
    return json(athleteProfile(athlete));
  });

  router.add('GET', '/api/v1/athlete/{athleteId}/sport-settings', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.athleteId);
    return isAthleteReply(athlete) ? athlete : json(athlete.sportSettings);
  });

  router.add('PUT', '/api/v1/athlete/{athleteId}/sport-settings', ({ params, query, body, method, path, caller }) => {
    const athlete = athleteFor(app, caller, params.athleteId);
    if (isAthleteReply(athlete)) return athlete;
    if (!Array.isArray(body)) return error(422, 'The body must be a JSON array of sport settings');
    const problem = badBody(method, path, body);
    if (problem) return problem;
    const targets = body.map((item) => findSettings(athlete, String((item as { id?: unknown }).id)));
    const missing = targets.find(isReply);
    if (missing) return missing;
    const recalcHrZones = query.get('recalcHrZones') === 'true';
    for (const [i, target] of targets.entries()) {
      write(app, target as SportSettingsSeed, body[i] as Record<string, unknown>, recalcHrZones);
    }
    return json(targets);
  });

  router.add('GET', '/api/v1/athlete/{athleteId}/sport-settings/{id}', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.athleteId);
    if (isAthleteReply(athlete)) return athlete;
    const found = findSettings(athlete, params.id);
    return isReply(found) ? found : json(found);
  });

  router.add(
    'PUT',
    '/api/v1/athlete/{athleteId}/sport-settings/{id}',
    ({ params, query, body, method, path, caller }) => {
      const athlete = athleteFor(app, caller, params.athleteId);
      if (isAthleteReply(athlete)) return athlete;
      const target = findSettings(athlete, params.id);
      if (isReply(target)) return target;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return error(422, 'The body must be a JSON object');
      const problem = badBody(method, path, body);
      if (problem) return problem;
      write(app, target, body as Record<string, unknown>, query.get('recalcHrZones') === 'true');
      return json(target);
    },
  );

  router.add('PUT', '/api/v1/athlete/{athleteId}/sport-settings/{id}/apply', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.athleteId);
    if (isAthleteReply(athlete)) return athlete;
    const target = findSettings(athlete, params.id);
    if (isReply(target)) return target;
    athlete.appliedSettings.push(target.id);
    return json({});
  });
}
