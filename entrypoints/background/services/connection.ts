/**
 * Connecting the extension to an intervals.icu account: check a pasted key against `GET /athlete/{id}` and keep it
 * only if intervals.icu accepts it; report who is connected; forget everything.
 */
import { IcuError } from '~/lib/api/errors';
import { normalizeApiKey, normalizeAthleteId } from '~/lib/api/key';
import type { Athlete } from '~/lib/api/types';
import type { AthleteSummary, ConnectionState } from '~/lib/messages';
import { type ConnectedAthlete, connectedAthlete } from '~/lib/settings';
import { clearCache } from '../store/cache';
import { forgetEverything } from '../store/forget';
import { loadApiKey, saveApiKey } from '../store/secrets';
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
  if (previous && previous.id !== athlete.id) await clearCache(); // another athlete's data must not show up
  await saveApiKey(key.key);
  await connectedAthlete.setValue(athlete);
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
  if (!athlete.id) {
    throw new IcuError({ kind: 'invalid', message: 'intervals.icu answered without an athlete id.' });
  }
  const fullName = [athlete.firstname, athlete.lastname].filter(Boolean).join(' ');
  return { id: athlete.id, name: athlete.name || fullName || athlete.id, timezone: athlete.timezone ?? null };
}
