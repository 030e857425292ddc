/**
 * What the Upload page and the background exchange (lib/messages.ts). Plain JSON: Chrome's runtime messaging
 * JSON-serializes, so file contents travel as base64.
 */

export interface ActivityLink {
  id: string;
  /** Null when intervals.icu did not share it (e.g. an activity imported from Strava). */
  name: string | null;
  url: string;
}

export interface UploadResult {
  /** `new`: intervals.icu created at least one activity (201); `duplicate`: everything was already there (200). */
  outcome: 'new' | 'duplicate';
  /** The new activities, or the existing ones the file duplicates. */
  activities: ActivityLink[];
}

export interface PlanItem {
  fileName: string;
  base64: string;
  /** Athlete-local day, YYYY-MM-DD. */
  date: string;
}

export interface ImportedWorkout {
  id: number;
  name: string;
  date: string;
  url: string;
  movingTimeSecs: number | null;
  load: number | null;
}

export interface PlanImportResult {
  /** One per item sent, in order; `event` null when it was not found on its day after the import. */
  items: { fileName: string; date: string; event: ImportedWorkout | null }[];
}
