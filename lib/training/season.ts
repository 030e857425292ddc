/**
 * The season from intervals.icu's calendar: `SEASON_START` events, read over an explicit window (without
 * `oldest`/`newest` the events list covers only today to six days ahead, which is why asking for the season without
 * them looks empty). The current season is the latest start on or before today; the next is the first one after.
 * Pure: no browser, network or storage.
 */
import { addDays, daysBetween, isoDayOf } from '../dates';

/** How far back a season start is looked for, and how far ahead a planned one. */
export const SEASON_LOOKBACK_DAYS = 730;
export const SEASON_LOOKAHEAD_DAYS = 365;

export interface SeasonStart {
  name: string;
  /** Athlete-local day it starts. */
  start: string;
}

export interface SeasonView {
  current: (SeasonStart & { week: number }) | null;
  next: SeasonStart | null;
}

/** The `oldest`/`newest` to ask `listEvents` for with `category=SEASON_START`. */
export function seasonWindow(today: string): { oldest: string; newest: string } {
  return { oldest: addDays(today, -SEASON_LOOKBACK_DAYS), newest: addDays(today, SEASON_LOOKAHEAD_DAYS) };
}

interface EventLike {
  category?: string;
  start_date_local?: string;
  name?: string;
}

export function seasonOf(events: readonly EventLike[], today: string): SeasonView {
  const starts = events
    .filter((e) => e.category === 'SEASON_START')
    .map((e) => ({ name: e.name?.trim() || 'Season', start: isoDayOf(e.start_date_local) }))
    .filter((e): e is SeasonStart => e.start !== null)
    .sort((a, b) => a.start.localeCompare(b.start));
  const current = starts.filter((s) => s.start <= today).at(-1) ?? null;
  const next = starts.find((s) => s.start > today) ?? null;
  return {
    current: current ? { ...current, week: Math.floor(daysBetween(current.start, today) / 7) + 1 } : null,
    next,
  };
}
