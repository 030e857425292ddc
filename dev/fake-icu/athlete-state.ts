/** One athlete's mutable world: their wellness, sport settings, calendar and activities, from their seed. */
import type { SeedData } from './seed';
import type { SportSettingsSeed } from './seed/athlete';
import type { EventSeed } from './seed/events';
import type { SeededActivity, Wellness } from './types';

export class AthleteState {
  readonly id: string;
  readonly seed: SeedData;
  wellness: Map<string, Wellness>;
  /** Sport settings as written through the API (the seed's until then). */
  sportSettings: SportSettingsSeed[];
  /** The calendar: the seed's events plus those created through `events/bulk`, in no particular order. */
  events: EventSeed[];
  /** Activities newest first: the seed's plus uploads (`POST /athlete/{id}/activities`). */
  activities: SeededActivity[];
  /** `PUT …/sport-settings/{id}/apply` calls, oldest first: which settings were applied to past activities. */
  appliedSettings: number[] = [];

  constructor(seed: SeedData) {
    this.seed = seed;
    this.id = String(seed.athlete.id);
    this.wellness = cloneWellness(seed.wellness);
    this.sportSettings = structuredClone(seed.sportSettings);
    this.events = structuredClone(seed.events);
    this.activities = [...seed.activities];
  }

  get timezone(): string {
    return this.seed.timezone;
  }

  /** Adds an activity, keeping the list newest first. */
  addActivity(activity: SeededActivity): void {
    const start = (a: SeededActivity) => (a.kind === 'upload' ? a.activity.start_date_local : a.stub.start_date_local);
    const at = this.activities.findIndex((a) => start(a) < start(activity));
    this.activities.splice(at < 0 ? this.activities.length : at, 0, activity);
  }

  /** Back to the seeded data. */
  reset(): void {
    this.wellness = cloneWellness(this.seed.wellness);
    this.sportSettings = structuredClone(this.seed.sportSettings);
    this.events = structuredClone(this.seed.events);
    this.activities = [...this.seed.activities];
    this.appliedSettings = [];
  }
}

function cloneWellness(source: Map<string, Wellness>): Map<string, Wellness> {
  return new Map([...source].map(([k, v]) => [k, structuredClone(v)]));
}
