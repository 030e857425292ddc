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
import { error, json, type Reply } from '../http';
import { validateRequestBody } from '../openapi-validate';
import type { Router } from '../router';
import type { SportSettingsSeed } from '../seed/athlete';
import { icuTimestamp } from '../time';
import { type App, checkAthlete } from './app';

const KEPT = new Set(['id', 'athlete_id', 'types', 'created', 'updated']);

function findSettings(app: App, id: string | undefined): SportSettingsSeed | Reply {
  const found = app.state.sportSettings.find((s) => String(s.id) === id || s.types.includes(id ?? ''));
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

export function athleteRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}', ({ params }) => {
    const denied = checkAthlete(params.id);
    if (denied) return denied;
    const latest = [...app.state.wellness.values()]
      .filter((w) => w.weight !== undefined)
      .sort((a, b) => b.id.localeCompare(a.id))[0];
    return json({
      ...app.state.seed.athlete,
      sportSettings: app.state.sportSettings,
      icu_weight: latest?.weight ?? app.state.seed.athlete.icu_weight,
    });
  });

  router.add('GET', '/api/v1/athlete/{athleteId}/sport-settings', ({ params }) => {
    return checkAthlete(params.athleteId) ?? json(app.state.sportSettings);
  });

  router.add('PUT', '/api/v1/athlete/{athleteId}/sport-settings', ({ params, query, body, method, path }) => {
    const denied = checkAthlete(params.athleteId);
    if (denied) return denied;
    if (!Array.isArray(body)) return error(422, 'The body must be a JSON array of sport settings');
    const problem = badBody(method, path, body);
    if (problem) return problem;
    const targets = body.map((item) => findSettings(app, String((item as { id?: unknown }).id)));
    const missing = targets.find(isReply);
    if (missing) return missing;
    const recalcHrZones = query.get('recalcHrZones') === 'true';
    for (const [i, target] of targets.entries()) {
      write(app, target as SportSettingsSeed, body[i] as Record<string, unknown>, recalcHrZones);
    }
    return json(targets);
  });

  router.add('GET', '/api/v1/athlete/{athleteId}/sport-settings/{id}', ({ params }) => {
    const denied = checkAthlete(params.athleteId);
    if (denied) return denied;
    const found = findSettings(app, params.id);
    return isReply(found) ? found : json(found);
  });

  router.add('PUT', '/api/v1/athlete/{athleteId}/sport-settings/{id}', ({ params, query, body, method, path }) => {
    const denied = checkAthlete(params.athleteId);
    if (denied) return denied;
    const target = findSettings(app, params.id);
    if (isReply(target)) return target;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return error(422, 'The body must be a JSON object');
    const problem = badBody(method, path, body);
    if (problem) return problem;
    write(app, target, body as Record<string, unknown>, query.get('recalcHrZones') === 'true');
    return json(target);
  });

  router.add('PUT', '/api/v1/athlete/{athleteId}/sport-settings/{id}/apply', ({ params }) => {
    const denied = checkAthlete(params.athleteId);
    if (denied) return denied;
    const target = findSettings(app, params.id);
    if (isReply(target)) return target;
    app.state.appliedSettings.push(target.id);
    return json({});
  });
}
