/**
 * What the background answers for training settings and the season (lib/messages.ts), and what the settings history
 * holds. Plain data only.
 */
import type { SeasonView } from './season';
import type { SportSettingsView, TrainingPatch } from './settings';

export interface TrainingOverview {
  /** Athlete-local today when fetched. */
  today: string;
  sports: SportSettingsView[];
  season: SeasonView;
  fetchedAt: number;
}

export interface SaveSettingsResult {
  settings: SportSettingsView;
  /** Sent fields the read-back does not hold. */
  unconfirmed: string[];
  /** The partial write changed other fields, so the record was written whole (read-merge-write). */
  mergedWrite: boolean;
  /** Other fields that still differ from before after everything (should stay empty). */
  changedOther: string[];
}

/** One confirmed change of a sport's settings, with what puts it back. */
export interface SettingsChange {
  /** Set by the store. */
  id?: number;
  athleteId: string;
  /** Epoch ms the change was read back. */
  at: number;
  kind: 'edit' | 'undo';
  /** The sport settings' numeric id and the sport they are for ("Ride"). */
  settingsId: number;
  sport: string;
  /** The sport's pace unit then, so pace values read right later. */
  paceUnits: string | null;
  /** What was written, and what puts the settings back (fields that had no value are left out). */
  patch: TrainingPatch;
  restore: TrainingPatch;
  /** When it was undone, else null. */
  undoneAt: number | null;
}

export type SettingsHistoryEntry = Omit<SettingsChange, 'athleteId'> & { id: number };
