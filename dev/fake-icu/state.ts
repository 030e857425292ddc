/** The stand-in's mutable state: seeded data, wellness edits and request counters. */
import { buildSeed, type SeedData } from './seed';
import type { SportSettingsSeed } from './seed/athlete';
import type { EventSeed } from './seed/events';
import type { SeededActivity, Wellness } from './types';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** How the request authenticated ("basic", "bearer", "other", "none"); never the key itself. */
  auth: string;
  /** The fault applied, if any. */
  fault?: string;
  /** The JSON body of a write (PUT, POST), so tests can see exactly what went on the wire. */
  body?: unknown;
}

export interface StateSnapshot {
  now: string;
  today: string;
  athleteId: string;
  /** Every wellness day, oldest first. */
  wellness: Wellness[];
  /** Requests seen per "METHOD /path" (no query), including ones refused by auth, rate limit or faults. */
  requests: Record<string, number>;
  totalRequests: number;
  /** 429 answers sent by the rate limiter. */
  rateLimited: number;
  /** Requests a fault was applied to. */
  faultsApplied: number;
  /** The last requests, oldest first (at most 500). */
  log: RequestLogEntry[];
}

const LOG_LIMIT = 500;

export class FakeState {
  seed: SeedData;
  wellness: Map<string, Wellness>;
  /** Sport settings as written through the API (the seed's until then). */
  sportSettings: SportSettingsSeed[];
  /** The calendar: the seed's events plus those created through `events/bulk`, in no particular order. */
  events: EventSeed[];
  /** Activities newest first: the seed's plus uploads (`POST /athlete/{id}/activities`). */
  activities: SeededActivity[];
  /** `PUT …/sport-settings/{id}/apply` calls, oldest first: which settings were applied to past activities. */
  appliedSettings: number[] = [];
  requests = new Map<string, number>();
  totalRequests = 0;
  rateLimited = 0;
  faultsApplied = 0;
  log: RequestLogEntry[] = [];

  constructor(seedNow: Date) {
    this.seed = buildSeed(seedNow);
    this.wellness = cloneWellness(this.seed.wellness);
    this.sportSettings = structuredClone(this.seed.sportSettings);
    this.events = structuredClone(this.seed.events);
    this.activities = [...this.seed.activities];
  }

  /** Adds an activity, keeping the list newest first. */
  addActivity(activity: SeededActivity): void {
    const start = (a: SeededActivity) => (a.kind === 'upload' ? a.activity.start_date_local : a.stub.start_date_local);
    const at = this.activities.findIndex((a) => start(a) < start(activity));
    this.activities.splice(at < 0 ? this.activities.length : at, 0, activity);
  }

  /** Back to the seeded data and zero counters (the seed keeps its original `now`). */
  reset(): void {
    this.wellness = cloneWellness(this.seed.wellness);
    this.sportSettings = structuredClone(this.seed.sportSettings);
    this.events = structuredClone(this.seed.events);
    this.activities = [...this.seed.activities];
    this.appliedSettings = [];
    this.requests.clear();
    this.totalRequests = 0;
    this.rateLimited = 0;
    this.faultsApplied = 0;
    this.log = [];
  }

  count(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.totalRequests++;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  snapshot(): StateSnapshot {
    return {
      now: this.seed.now.toISOString(),
      today: this.seed.today,
      athleteId: String(this.seed.athlete.id),
      wellness: [...this.wellness.values()].sort((a, b) => a.id.localeCompare(b.id)).map((w) => structuredClone(w)),
      requests: Object.fromEntries(this.requests),
      totalRequests: this.totalRequests,
      rateLimited: this.rateLimited,
      faultsApplied: this.faultsApplied,
      log: [...this.log],
    };
  }
}

function cloneWellness(source: Map<string, Wellness>): Map<string, Wellness> {
  return new Map([...source].map(([k, v]) => [k, structuredClone(v)]));
}
