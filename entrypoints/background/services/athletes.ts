/**
 * Coaches: the athletes one key may act on (`GET /athletes`: those it follows or coaches, its owner included), which
 * one the popup, options page and shortcuts act on, and the roster page's "every athlete today".
 *
 * The list is kept in `local:coachedAthletes` (id, name, time zone and units only: the answer carries far more,
 * even an `icu_api_key` field) and asked again after ROSTER_MAX_AGE_MS, or at once when the switcher opens with
 * `force`. A key that coaches no one gets just itself, and the switcher does not show.
 */

import { type AthleteProfile, sortRoster, toAthleteProfile } from '~/lib/athletes';
import type { AthletesView } from '~/lib/coach-views';
import { actingAthlete, coachedAthletes, connectedAthlete } from '~/lib/settings';
import { requireAthlete, type Services } from './context';

export const ROSTER_MAX_AGE_MS = 6 * 3600_000;

async function view(): Promise<AthletesView> {
  const acting = await requireAthlete();
  const owner = (await connectedAthlete.getValue()) as AthleteProfile;
  const stored = await coachedAthletes.getValue();
  return {
    selfId: owner.id,
    actingId: acting.id,
    athletes: sortRoster([owner, ...(stored?.athletes ?? [])], owner.id),
    fetchedAt: stored?.fetchedAt ?? null,
  };
}

/** The roster, from storage when younger than ROSTER_MAX_AGE_MS (or `cache`), else from `GET /athletes`. */
export async function getAthletes(
  services: Services,
  request: { source: 'cache' | 'network'; force?: boolean },
): Promise<AthletesView> {
  const owner = await connectedAthlete.getValue();
  if (!owner) return view(); // throws the not-connected error
  const stored = await coachedAthletes.getValue();
  const age = stored ? services.now().getTime() - stored.fetchedAt : Number.POSITIVE_INFINITY;
  if (request.source === 'network' && (request.force || !(age >= 0 && age < ROSTER_MAX_AGE_MS))) {
    // A failure is not asked again at every popup opening: the list stays as it was until the next period (the roster
    // page's `force` reports it).
    const listed = await services.client.listAthletes().catch((error: unknown) => {
      if (request.force) throw error;
      return null;
    });
    const athletes = listed
      ? listed.map(toAthleteProfile).filter((a): a is AthleteProfile => a !== null && a.id !== owner.id)
      : (stored?.athletes ?? []);
    await coachedAthletes.setValue({ athletes, fetchedAt: services.now().getTime() });
    // Someone no longer listed cannot stay chosen.
    const acting = await actingAthlete.getValue();
    if (acting && !athletes.some((a) => a.id === acting)) await actingAthlete.removeValue();
  }
  return view();
}

/** Act on `athleteId` from now on (the key's owner, or an athlete in the roster); remembered. */
export async function chooseAthlete(_services: Services, request: { athleteId: string }): Promise<AthletesView> {
  const chosen = await requireAthlete(request.athleteId); // a stranger is refused here
  const owner = await connectedAthlete.getValue();
  await (chosen.id === owner?.id ? actingAthlete.removeValue() : actingAthlete.setValue(chosen.id));
  return view();
}

/** Keeps a freshly read profile (name, time zone, units) where it belongs: the owner's record, or the roster's. */
export async function rememberProfile(profile: AthleteProfile): Promise<void> {
  const owner = await connectedAthlete.getValue();
  const stored = await coachedAthletes.getValue();
  if (!owner || owner.id === profile.id) await connectedAthlete.setValue(profile);
  else if (stored) {
    await coachedAthletes.setValue({
      ...stored,
      athletes: stored.athletes.map((a) => (a.id === profile.id ? profile : a)),
    });
  }
}
