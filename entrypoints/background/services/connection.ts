/**
 * Connecting the extension to an intervals.icu account: check a pasted key against `GET /athlete/{id}` and keep it
 * only if intervals.icu accepts it; report who is connected; forget everything.
 */
import { IcuError } from '~/lib/api/errors';
import { normalizeApiKey, normalizeAthleteId } from '~/lib/api/key';
import type { Athlete } from '~/lib/api/types';
import { toAthleteProfile } from '~/lib/athletes';
import type { AthleteSummary, ConnectionState } from '~/lib/messages';
import { actingAthlete, type ConnectedAthlete, coachedAthletes, connectedAthlete } from '~/lib/settings';
import { clearCache } from '../store/cache';
import { forgetEverything } from '../store/forget';
import { loadApiKey, saveApiKey } from '../store/secrets';
import { getAthletes } from './athletes';
import type { Services } from './context';

/**
 * Checks `apiKey` (and the optional athlete id) and, if intervals.icu accepts it, stores both. A malformed key or id is
 * rejected with the reason before any request; on any failure nothing is stored and the `IcuError` is thrown.
 */
export async function connect(
  services: Services,
  request: { apiKey: string; athleteId?: string },
): Promise<AthleteSummary> {
  const key = normalizeApiKey(request.apiKey);
  if (!key.ok) throw new IcuError({ kind: 'invalid', message: key.reason });
  const id = normalizeAthleteId(request.athleteId);
  if (!id.ok) throw new IcuError({ kind: 'invalid', message: id.reason });

  const athlete = toConnectedAthlete(await services.clientFor(key.key).getAthlete(id.athleteId));

  const previous = await connectedAthlete.getValue();
  if (previous && previous.id !== athlete.id) {
    // Another account: its data, its coached athletes and the choice among them must not show up.
    await Promise.all([clearCache(), coachedAthletes.removeValue(), actingAthlete.removeValue()]);
  }
  await saveApiKey(key.key);
  await connectedAthlete.setValue(athlete);
  // A coach's athletes, for the switcher (a failure only hides it until the next try).
  await getAthletes(services, { source: 'network', force: true }).catch(() => {});
  return { id: athlete.id, name: athlete.name };
}

export async function getConnection(): Promise<ConnectionState> {
  const [apiKey, athlete] = await Promise.all([loadApiKey(), connectedAthlete.getValue()]);
  if (!apiKey || !athlete) return { connected: false };
  return { connected: true, athlete: { id: athlete.id, name: athlete.name } };
}

export async function forgetKey(): Promise<null> {
  await forgetEverything();
  return null;
}

export function toConnectedAthlete(athlete: Athlete): ConnectedAthlete {
  const profile = toAthleteProfile(athlete);
  if (!profile) throw new IcuError({ kind: 'invalid', message: 'intervals.icu answered without an athlete id.' });
  return profile;
}
