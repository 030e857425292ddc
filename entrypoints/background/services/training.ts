/**
 * Training settings and the season for the popup: each sport's FTP, indoor FTP, W′, LTHR, max HR and threshold pace
 * with intervals.icu's own estimates, the current season from SEASON_START events, edits verified by read-back, the
 * history with undo, and "apply to past activities".
 *
 * A write sends only the changed fields (`PUT /athlete/{id}/sport-settings/{id}`). Whether intervals.icu treats a
 * partial body as "change only these" is not documented for sport settings, so every write is read back: if any other
 * field changed (besides `updated`, and the HR zones when a recalculation was asked for), the server took the body as
 * the whole record, and the service writes the record as it was before with the change merged in (read-merge-write),
 * then reads back again.
 */
import { IcuError, invalidInput } from '~/lib/api/errors';
import type { SportSettings, Wellness } from '~/lib/api/types';
import { addDays } from '~/lib/dates';
import { type SeasonView, seasonOf, seasonWindow } from '~/lib/training/season';
import {
  changedBesides,
  checkTrainingPatch,
  type SportSettingsView,
  TRAINING_KEYS,
  type TrainingPatch,
  unconfirmedSettings,
} from '~/lib/training/settings';
import type { SaveSettingsResult, SettingsChange, SettingsHistoryEntry, TrainingOverview } from '~/lib/training/views';
import { getCached, putCached, readThrough } from '../store/cache';
import { settingsHistory } from '../store/settings-history';
import { athleteToday, requireAthlete, type Services } from './context';

/** The popup refetches the overview at most this often (a Refresh asks anyway). */
export const TRAINING_MAX_AGE_MS = 5 * 60_000;
/** How far back the latest wellness `sportInfo` (intervals.icu's eFTP and W′) is looked for. */
const ESTIMATE_DAYS = 14;

export const trainingCacheKey = (athleteId: string) => `training:${athleteId}`;

const sportName = (settings: Pick<SportSettings, 'types'>) => settings.types?.[0] ?? 'Other';

/** intervals.icu's estimate for these settings: the wellness `sportInfo` of one of its types, else its power model. */
function estimateFor(
  settings: SportSettings,
  fromWellness: ReadonlyMap<string, NonNullable<SportSettingsView['estimate']>>,
): SportSettingsView['estimate'] {
  const found = (settings.types ?? []).map((t) => fromWellness.get(t)).find(Boolean);
  if (found) return found;
  const model = settings.mmp_model;
  return model && (model.ftp || model.wPrime)
    ? { eftp: model.ftp ?? null, wPrime: model.wPrime ?? null, from: 'power-model' }
    : null;
}

function toView(settings: SportSettings, estimate: SportSettingsView['estimate']): SportSettingsView {
  const view: SportSettingsView = { id: settings.id as number, types: settings.types ?? [], estimate };
  for (const key of [...TRAINING_KEYS, 'pace_units'] as const) {
    const value = settings[key];
    if (value !== undefined && value !== null) (view as unknown as Record<string, unknown>)[key] = value;
  }
  return view;
}

/** The latest day's `sportInfo` per activity type: intervals.icu's eFTP and W′ from its power model. */
function estimatesFrom(days: readonly Wellness[]) {
  const latest = [...days].reverse().find((d) => (d.sportInfo?.length ?? 0) > 0);
  const out = new Map<string, NonNullable<SportSettingsView['estimate']>>();
  for (const info of latest?.sportInfo ?? []) {
    if (!info.type) continue;
    const eftp = typeof info.eftp === 'number' ? Math.round(info.eftp) : null;
    const wPrime = typeof info.wPrime === 'number' ? Math.round(info.wPrime) : null;
    if (eftp !== null || wPrime !== null) out.set(info.type, { eftp, wPrime, from: 'wellness' });
  }
  return out;
}

async function fetchOverview(services: Services, athleteId: string, today: string): Promise<TrainingOverview> {
  const { client } = services;
  const [settings, wellness, events] = await Promise.all([
    client.listSportSettings(athleteId),
    client.listWellness(athleteId, addDays(today, -(ESTIMATE_DAYS - 1)), today),
    client.listEvents(athleteId, { ...seasonWindow(today), category: ['SEASON_START'] }),
  ]);
  const estimates = estimatesFrom(wellness);
  return {
    today,
    sports: settings.filter((s) => typeof s.id === 'number').map((s) => toView(s, estimateFor(s, estimates))),
    season: seasonOf(events, today),
    fetchedAt: services.now().getTime(),
  };
}

export async function getTraining(
  services: Services,
  request: { source: 'cache' | 'network'; force?: boolean },
): Promise<TrainingOverview | null> {
  const athlete = await requireAthlete();
  const key = trainingCacheKey(athlete.id);
  if (request.source === 'cache') return (await getCached<TrainingOverview>(key))?.value ?? null;
  const today = athleteToday(services, athlete);
  const cached = await getCached<TrainingOverview>(key);
  // A new day moves the season week and the estimates: refetch then, as on a Refresh.
  const fresh = !request.force && cached?.value.today === today;
  const entry = await readThrough(key, () => fetchOverview(services, athlete.id, today), {
    maxAgeMs: fresh ? TRAINING_MAX_AGE_MS : 0,
    now: () => services.now().getTime(),
  });
  return entry.value;
}

/** The season alone (the VO2max card shows its start beside the "Season" window). */
export async function getSeason(services: Services): Promise<SeasonView | null> {
  return (await getTraining(services, { source: 'network' }))?.season ?? null;
}

/** A 404 names the sport; other errors pass on. */
async function onSettings<T>(sport: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof IcuError && error.kind === 'not-found') {
      throw new IcuError({
        kind: 'not-found',
        status: 404,
        message: `intervals.icu has no ${sport} settings for this athlete: add the sport under Settings → Sports first.`,
      });
    }
    throw error;
  }
}

async function writeAndVerify(
  services: Services,
  athleteId: string,
  settingsId: number,
  patch: TrainingPatch,
  recalcHrZones: boolean,
) {
  const { client } = services;
  const before = await client.getSportSettings(athleteId, settingsId);
  const sport = sportName(before);
  await onSettings(sport, () => client.putSportSettings(athleteId, settingsId, patch, recalcHrZones));
  let after = await client.getSportSettings(athleteId, settingsId);
  const zones = recalcHrZones ? ['hr_zones'] : [];
  let changedOther = changedBesides(patch, before, after, zones);
  let mergedWrite = false;
  if (changedOther.length > 0) {
    // The server took the partial body as the whole record: write it whole, as it was plus the change.
    mergedWrite = true;
    await client.putSportSettings(athleteId, settingsId, { ...before, ...patch }, recalcHrZones);
    after = await client.getSportSettings(athleteId, settingsId);
    changedOther = changedBesides(patch, before, after, zones);
  }
  return { before, after, sport, mergedWrite, changedOther };
}

/** Puts the read-back settings into the cached overview (keeping its estimate) and answers their view. */
async function updateCachedSport(athleteId: string, settings: SportSettings): Promise<SportSettingsView> {
  const key = trainingCacheKey(athleteId);
  const cached = await getCached<TrainingOverview>(key);
  const old = cached?.value.sports.find((s) => s.id === settings.id);
  const view = toView(settings, old?.estimate ?? estimateFor(settings, new Map()));
  if (cached) {
    const sports = cached.value.sports.map((s) => (s.id === settings.id ? view : s));
    await putCached(key, { ...cached.value, sports }, cached.fetchedAt);
  }
  return view;
}

async function save(
  services: Services,
  request: { settingsId: number; patch: unknown; recalcHrZones?: boolean },
  kind: SettingsChange['kind'],
): Promise<SaveSettingsResult> {
  const athlete = await requireAthlete();
  if (!Number.isInteger(request.settingsId)) throw invalidInput('Choose the sport whose settings to change.');
  const checked = checkTrainingPatch(request.patch);
  if ('problem' in checked) throw invalidInput(checked.problem);
  const { patch } = checked;
  const result = await writeAndVerify(services, athlete.id, request.settingsId, patch, request.recalcHrZones === true);
  const unconfirmed = unconfirmedSettings(patch, result.after);
  const written: TrainingPatch = {};
  const restore: TrainingPatch = {};
  for (const key of TRAINING_KEYS) {
    if (patch[key] === undefined || unconfirmed.includes(key)) continue;
    (written as Record<string, unknown>)[key] = patch[key];
    // A field that had no value cannot be put back (nothing documents clearing it): it is left out of the undo.
    if (result.before[key] !== undefined) (restore as Record<string, unknown>)[key] = result.before[key];
  }
  if (Object.keys(written).length > 0) {
    await settingsHistory.add({
      athleteId: athlete.id,
      at: services.now().getTime(),
      kind,
      settingsId: request.settingsId,
      sport: result.sport,
      paceUnits: result.after.pace_units ?? null,
      patch: written,
      restore,
      undoneAt: null,
    });
  }
  return {
    settings: await updateCachedSport(athlete.id, result.after),
    unconfirmed,
    mergedWrite: result.mergedWrite,
    changedOther: result.changedOther,
  };
}

/** Writes only the changed fields, reads them back, records the change for undo. */
export function saveSportSettings(
  services: Services,
  request: { settingsId: number; patch: TrainingPatch; recalcHrZones?: boolean },
): Promise<SaveSettingsResult> {
  return save(services, request, 'edit');
}

/** Re-applies a sport's settings to its past activities (asynchronous on intervals.icu; not undoable from here). */
export async function applySportSettings(services: Services, request: { settingsId: number }): Promise<null> {
  const athlete = await requireAthlete();
  if (!Number.isInteger(request.settingsId)) throw invalidInput('Choose the sport whose settings to apply.');
  await services.client.applySportSettings(athlete.id, request.settingsId);
  return null;
}

export async function listSettingsHistory(): Promise<SettingsHistoryEntry[]> {
  const athlete = await requireAthlete();
  return (await settingsHistory.list(athlete.id)).map(({ athleteId: _a, ...entry }) => entry as SettingsHistoryEntry);
}

/** Puts back what a change replaced, verified by read-back like any save. */
export async function undoSportSettings(services: Services, request: { id: number }): Promise<SaveSettingsResult> {
  const athlete = await requireAthlete();
  const entry = await settingsHistory.get(request.id);
  if (!entry || entry.athleteId !== athlete.id) throw invalidInput('That change is no longer in the history.');
  if (entry.undoneAt !== null) throw invalidInput('That change was already undone.');
  const result = await save(services, { settingsId: entry.settingsId, patch: entry.restore }, 'undo');
  await settingsHistory.markUndone(request.id, services.now().getTime());
  return result;
}
