/** What the background answers a coach's surfaces with (the switcher and the roster page). Plain data. */
import type { ErrorInfo } from './api/errors';
import type { AthleteProfile } from './athletes';

export interface AthletesView {
  /** The key's owner. */
  selfId: string;
  /** Who the popup, options page and shortcuts act on now. */
  actingId: string;
  /** The owner first, then the others by name. */
  athletes: AthleteProfile[];
  /** When `GET /athletes` was last read (null: never, the owner alone is known). */
  fetchedAt: number | null;
}

export interface RosterRow {
  athlete: AthleteProfile;
  /** Their today, in their own time zone. */
  today: string;
  weightKg: number | null;
  restingHR: number | null;
  hrv: number | null;
  sleepSecs: number | null;
  locked: boolean;
  /** Why this athlete's day could not be read (e.g. 403: the key may no longer see them); the others still load. */
  error: ErrorInfo | null;
}
