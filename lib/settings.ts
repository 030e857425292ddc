/**
 * Settings, one `storage.defineItem` each, in `storage.local`. Everything here may be read by content scripts (they
 * can read `storage.local`), so nothing secret belongs here: the API key lives in IndexedDB (lib/store/secrets.ts).
 *
 * Each item has a `version`; a change of shape bumps it and adds a `migrations[newVersion]` function turning the old
 * value into the new one (WXT runs them on first access), with a test holding a value of every older version.
 */
import { storage } from 'wxt/utils/storage';
import type { AthleteSummary } from './messages';

/** The athlete the stored key was checked against. Not secret: id, name and timezone are shown in the UI. */
export interface ConnectedAthlete extends AthleteSummary {
  /** IANA time zone from the athlete's intervals.icu profile (e.g. "Europe/Paris"); decides what "today" is. */
  timezone: string | null;
}

/**
 * `local:connectedAthlete` — v1: `{ id, name, timezone }` or null when not connected. Written by a successful
 * "Check connection", removed by "Forget key".
 */
export const connectedAthlete = storage.defineItem<ConnectedAthlete | null>('local:connectedAthlete', {
  fallback: null,
  version: 1,
});
