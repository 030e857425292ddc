/**
 * The stand-in's mutable state: every athlete's world (athlete-state.ts), who coaches whom, and request counters.
 *
 * `wellness`, `sportSettings`, `events`, `activities`, `appliedSettings` and `seed` are the key owner's (i424242), as
 * they were before the stand-in had coached athletes; `athlete(id)` gives any athlete's.
 */
import { AthleteState } from './athlete-state';
import { buildAthleteSeed, COACHING, OWNER, type SeedData } from './seed';
import type { SportSettingsSeed } from './seed/athlete';
import { COACHED } from './seed/coached';
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
  /** The athlete's today at the seed clock. */
  today: string;
  /** Whose wellness this is (the key owner unless `snapshot(athleteId)` named another). */
  athleteId: string;
  /** Every wellness day, oldest first. */
  wellness: Wellness[];
  /** Who coaches whom right now (coach id → coached ids), after any revokeCoaching. */
  coaching: Record<string, string[]>;
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

const seededCoaching = () => new Map(Object.entries(COACHING).map(([coach, ids]) => [coach, new Set(ids)]));

export class FakeState {
  /** Every athlete's world, the key owner first. */
  readonly athletes: Map<string, AthleteState>;
  /** The key owner (i424242). */
  readonly owner: AthleteState;
  /** Coach id → the athletes they coach now. */
  private coaching = seededCoaching();
  requests = new Map<string, number>();
  totalRequests = 0;
  rateLimited = 0;
  faultsApplied = 0;
  log: RequestLogEntry[] = [];

  constructor(seedNow: Date) {
    this.owner = new AthleteState(buildAthleteSeed(OWNER, seedNow));
    this.athletes = new Map([[this.owner.id, this.owner]]);
    for (const spec of COACHED) this.athletes.set(spec.id, new AthleteState(buildAthleteSeed(spec, seedNow)));
  }

  /** The key owner's seed (now, today, athlete, activities ...). */
  get seed(): SeedData {
    return this.owner.seed;
  }
  get wellness(): Map<string, Wellness> {
    return this.owner.wellness;
  }
  set wellness(value: Map<string, Wellness>) {
    this.owner.wellness = value;
  }
  get sportSettings(): SportSettingsSeed[] {
    return this.owner.sportSettings;
  }
  set sportSettings(value: SportSettingsSeed[]) {
    this.owner.sportSettings = value;
  }
  get events(): EventSeed[] {
    return this.owner.events;
  }
  set events(value: EventSeed[]) {
    this.owner.events = value;
  }
  get activities(): SeededActivity[] {
    return this.owner.activities;
  }
  set activities(value: SeededActivity[]) {
    this.owner.activities = value;
  }
  get appliedSettings(): number[] {
    return this.owner.appliedSettings;
  }
  set appliedSettings(value: number[]) {
    this.owner.appliedSettings = value;
  }

  /** Adds an activity to the key owner's, keeping the list newest first. */
  addActivity(activity: SeededActivity): void {
    this.owner.addActivity(activity);
  }

  /** Any seeded athlete's world, whether or not a key may see it. */
  athlete(id: string): AthleteState | undefined {
    return this.athletes.get(id);
  }

  /** The athletes `coachId` coaches now, in seed order. */
  coachedBy(coachId: string): string[] {
    const ids = this.coaching.get(coachId) ?? new Set<string>();
    return [...this.athletes.keys()].filter((id) => ids.has(id));
  }

  /** Whether the owner of a key (`callerId`) may read and write `athleteId`: themselves or someone they coach. */
  mayAccess(callerId: string, athleteId: string): boolean {
    return callerId === athleteId || (this.coaching.get(callerId)?.has(athleteId) ?? false);
  }

  /**
   * The athlete stops being coached by `coachId` (default: the key owner), as when they leave the coach on the site:
   * their routes answer 403 to the coach and /athletes no longer lists them. Their data stays. Returns whether a
   * coaching link was removed. `reset()` restores the seeded roster.
   */
  revokeCoaching(athleteId: string, coachId: string = this.owner.id): boolean {
    return this.coaching.get(coachId)?.delete(athleteId) ?? false;
  }

  /** Undoes revokeCoaching (the athlete must be seeded). Returns whether a link was added. */
  restoreCoaching(athleteId: string, coachId: string = this.owner.id): boolean {
    if (!this.athletes.has(athleteId) || !this.athletes.has(coachId) || athleteId === coachId) return false;
    const ids = this.coaching.get(coachId) ?? new Set<string>();
    this.coaching.set(coachId, ids);
    if (ids.has(athleteId)) return false;
    ids.add(athleteId);
    return true;
  }

  /** Back to the seeded data, the seeded roster and zero counters (the seed keeps its original `now`). */
  reset(): void {
    for (const athlete of this.athletes.values()) athlete.reset();
    this.coaching = seededCoaching();
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

  /** Counters, the log, the roster and one athlete's wellness (default: the key owner's). */
  snapshot(athleteId: string = this.owner.id): StateSnapshot {
    const athlete = this.athletes.get(athleteId);
    if (!athlete) throw new Error(`snapshot: no athlete ${athleteId}`);
    return {
      now: athlete.seed.now.toISOString(),
      today: athlete.seed.today,
      athleteId: athlete.id,
      wellness: [...athlete.wellness.values()].sort((a, b) => a.id.localeCompare(b.id)).map((w) => structuredClone(w)),
      coaching: Object.fromEntries([...this.coaching.keys()].map((coach) => [coach, this.coachedBy(coach)])),
      requests: Object.fromEntries(this.requests),
      totalRequests: this.totalRequests,
      rateLimited: this.rateLimited,
      faultsApplied: this.faultsApplied,
      log: [...this.log],
    };
  }
}
