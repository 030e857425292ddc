/**
 * The local stand-in for intervals.icu: an HTTP(S) server on 127.0.0.1 that answers the API endpoints the extension
 * uses the way intervals.icu does (auth, rate limit, error bodies, spec-valid responses), seeded from the real
 * recordings in ../shared/fixtures/activities. See README-style notes in each module; the entry point is
 * {@link createFakeIcu}.
 *
 * Request pipeline for /api/v1: count → rate limit (429) → fault (status / delay / drop / malformed) → size (413) → auth
 * (401/403) → route (404/405) → reply. /__fake/* are test controls (routes/fake.ts); other GET paths get a minimal
 * page (routes/pages.ts).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { authScheme, keyOwner } from './auth';
import { type Fault, Faults } from './faults';
import { error, type Reply } from './http';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { Router } from './router';
import { activityRoutes } from './routes/activities';
import type { App } from './routes/app';
import { athleteRoutes } from './routes/athlete';
import { eventRoutes } from './routes/events';
import { fakeControl } from './routes/fake';
import { page } from './routes/pages';
import { planRoutes } from './routes/plan';
import { powerRoutes } from './routes/power';
import { rosterRoutes } from './routes/roster';
import { uploadRoutes } from './routes/uploads';
import { type DeviceSyncValues, deviceSync, wellnessRoutes } from './routes/wellness';
import { ATHLETE_ID } from './seed/athlete';
import { FakeState } from './state';
import { fakeCert } from './tls';
import type { Wellness } from './types';

export interface FakeIcuOptions {
  /**
   * The API key the stand-in accepts (HTTP Basic, username `API_KEY`): the key of i424242, who coaches i515151,
   * i626262 and i737373 (seed/coached.ts).
   */
  key: string;
  /**
   * More keys, each belonging to a seeded athlete (API key → athlete id), e.g. `{ 'solo-key': 'i737373' }`: that
   * athlete's own key, which coaches no one, so /athletes lists just them and athlete 0 is them.
   */
  keys?: Record<string, string>;
  /** Default 0: any free port. */
  port?: number;
  /** Default and only sensible value: 127.0.0.1. */
  host?: string;
  /** Serve HTTPS with a self-signed certificate for intervals.icu (see tls.ts). */
  tls?: boolean;
  /** The clock at start (default: the real time). Seeded dates are relative to it; the clock then runs on. */
  now?: Date;
  /** Per-IP token bucket (default on: burst 10, 10/s). `false` turns it off. */
  rateLimit?: boolean | RateLimitOptions;
  /** Whether a wellness PUT with `locked: false` unlocks a day (default true; live behaviour is uncertain). */
  unlockable?: boolean;
  /**
   * Whether a wellness write with a field set to `null` clears it (default false). intervals.icu's developer documented
   * `-1` as the way to unset a numeric field and nothing shows null clearing, so by default null leaves the stored
   * value; `true` is the undocumented opposite, for tests that show the extension is right either way.
   */
  nullClears?: boolean;
  /**
   * Whether `PUT …/sport-settings/{id}` changes only the fields sent (default true). Not documented: with `false` the
   * body replaces the record (fields not sent are dropped), so tests show the extension's read-merge-write fallback.
   */
  partialSportSettings?: boolean;
  /**
   * Send `WWW-Authenticate: Basic realm="intervals.icu"` with 401s (default true, as Spring Security's basic auth
   * does; whether intervals.icu sends it is not confirmed). Browsers may answer the challenge with a login prompt.
   */
  basicChallenge?: boolean;
  /**
   * The largest request body accepted, in bytes (default {@link DEFAULT_MAX_UPLOAD_BYTES}); a larger one gets 413 with
   * a JSON error. intervals.icu's own limit is not documented (see routes/uploads.ts).
   */
  maxUploadBytes?: number;
}

/**
 * 50 MiB. Assumed, not documented: a 24 h ride recorded every second is ~15 MB as FIT and ~40 MB as TCX, so real
 * files fit; anything bigger is more likely a mistake than a recording.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface FakeIcu {
  /** Base URL, e.g. "http://127.0.0.1:43123" (API under /api/v1). */
  url: string;
  port: number;
  host: string;
  tls: boolean;
  /** With tls: base64 SHA-256 of the certificate's public key, for --ignore-certificate-errors-spki-list. */
  spkiHash?: string;
  /** With tls: the certificate (PEM), to trust it in Node clients. */
  certPem?: string;
  /** The key owner's athlete id ("i424242"). */
  athleteId: string;
  /** What was seeded: athlete id, today, and the activities newest first (also at GET /__fake/info). */
  seed: SeedSummary;
  faults: Faults;
  state: FakeState;
  /** Back to the seed: wellness, counters, faults, the rate limiter, `unlockable`, `nullClears` and the clock. */
  reset(): void;
  /**
   * A device sync (Garmin, Oura, Whoop) for `date`: overwrites weight, restingHR, hrv and sleepSecs (the given values,
   * or plausible ones) on an unlocked day and leaves a locked day alone. Also `POST /__fake/device-sync`.
   */
  syncDevice(date: string, values?: DeviceSyncValues, athleteId?: string): { applied: boolean; day: Wellness };
  /**
   * Switch options while running (`unlockable`, `nullClears` also by `POST /__fake/options`); `reset()` restores the
   * start values.
   * `daysLater` moves the clock that many days past the seed's today (the data stays put, as if those days had
   * passed), so rolling windows (42d, 90d ...) end later.
   */
  setOptions(changes: {
    unlockable?: boolean;
    nullClears?: boolean;
    partialSportSettings?: boolean;
    daysLater?: number;
    maxUploadBytes?: number;
  }): void;
  close(): Promise<void>;
}

/** One seeded athlete as tests need to know them (also in GET /__fake/info). */
export interface SeededAthlete {
  id: string;
  name: string;
  timezone: string;
  /** Today in their time zone at the seed clock. */
  today: string;
  measurement_preference: string;
  weight_pref_lb: boolean;
  fahrenheit: boolean;
  /** false: no watts in their activities (no power meter). */
  powerMeter: boolean;
  /** Whom the default key's athlete coaches at the start (false for the owner). */
  coached: boolean;
  /** Their activity ids, newest first. */
  activities: string[];
}

export interface SeedSummary {
  url: string;
  athleteId: string;
  today: string;
  timezone: string;
  /** Every seeded athlete, the key owner first. */
  athletes: SeededAthlete[];
  spkiHash?: string;
  /** Newest first; `file` for the uploads, `source: "STRAVA"` for the Strava import. */
  activities: {
    id: string;
    source: 'UPLOAD' | 'STRAVA';
    start_date_local: string;
    type?: string;
    name?: string;
    file?: string;
  }[];
}

/**
 * The request body as raw bytes (multipart uploads are binary). Past `limit` bytes the rest is read and dropped, so
 * the client can still read the 413 instead of meeting a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ raw: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () =>
      resolve({ raw: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), tooLarge: size > limit }),
    );
    req.on('error', reject);
  });
}

const isMultipart = (req: IncomingMessage) => /^multipart\//i.test(req.headers['content-type'] ?? '');

function send(res: ServerResponse, reply: Reply, malformed = false): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Buffer = '';
  if (reply.body instanceof Uint8Array) {
    payload = Buffer.from(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/octet-stream';
  } else if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/json;charset=UTF-8';
  }
  let status = reply.status;
  if (malformed) {
    // A 200 whose JSON stops half-way, as after a cut connection behind a proxy.
    status = 200;
    const half = Math.floor(payload.length / 2);
    payload =
      payload.length <= 2
        ? '{"truncat'
        : typeof payload === 'string'
          ? payload.slice(0, half)
          : payload.subarray(0, half);
    headers['Content-Type'] = 'application/json;charset=UTF-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  res.end(payload);
}

function faultReply(fault: Fault): Reply {
  const status = fault.status ?? 503;
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  if (fault.body !== undefined) {
    return { status, body: fault.body, headers };
  }
  return error(status, STATUS_CODES[status] ?? 'Error', headers);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createFakeIcu(options: FakeIcuOptions): Promise<FakeIcu> {
  if (!options.key) throw new Error('createFakeIcu: options.key is required');
  const keys = new Map<string, string>([[options.key, ATHLETE_ID]]);
  const started = Date.now();
  const base = options.now?.getTime() ?? started;
  const state = new FakeState(new Date(base));
  let shiftMs = 0;
  const app: App = {
    state,
    now: () => new Date(base + shiftMs + (Date.now() - started)),
    unlockable: options.unlockable ?? true,
    nullClears: options.nullClears ?? false,
    partialSportSettings: options.partialSportSettings ?? true,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };
  const faults = new Faults();
  const limiter =
    options.rateLimit === false ? null : new RateLimiter(options.rateLimit === true ? {} : options.rateLimit);
  const router = new Router();
  athleteRoutes(router, app);
  wellnessRoutes(router, app);
  activityRoutes(router, app);
  powerRoutes(router, app);
  eventRoutes(router, app);
  planRoutes(router, app);
  uploadRoutes(router, app);
  rosterRoutes(router, app);
  for (const [key, athleteId] of Object.entries(options.keys ?? {})) {
    if (!state.athlete(athleteId)) throw new Error(`createFakeIcu: options.keys names no seeded athlete ${athleteId}`);
    if (keys.has(key)) throw new Error('createFakeIcu: options.keys repeats a key');
    keys.set(key, athleteId);
  }

  const reset = () => {
    state.reset();
    faults.clear();
    limiter?.reset();
    app.unlockable = options.unlockable ?? true;
    app.nullClears = options.nullClears ?? false;
    app.partialSportSettings = options.partialSportSettings ?? true;
    app.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    shiftMs = 0;
  };
  let info: SeedSummary | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const { raw, tooLarge } = await readBody(req, app.maxUploadBytes);
    let body: unknown;
    let badJson = false;
    const text = isMultipart(req) ? '' : raw.toString('utf8');
    if (text.trim().length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        badJson = true;
      }
    }

    if (path.startsWith('/__fake/')) {
      send(
        res,
        badJson
          ? error(400, 'Invalid JSON')
          : fakeControl({ app, faults, reset, info: () => info ?? {} }, method, path, url.searchParams, body),
      );
      return;
    }

    state.count(method, path);
    const entry = {
      time: new Date().toISOString(),
      method,
      path,
      query: url.search,
      status: 0,
      auth: authScheme(req),
      fault: undefined as string | undefined,
      ...(method !== 'GET' && body !== undefined ? { body } : {}),
    };
    const finish = (reply: Reply | null, malformed = false) => {
      entry.status = reply === null ? 0 : malformed ? 200 : reply.status;
      state.record(entry);
      if (reply === null) req.socket.destroy();
      else send(res, reply, malformed);
    };

    if (limiter && path.startsWith('/api/') && !limiter.take(req.socket.remoteAddress ?? 'unknown')) {
      state.rateLimited++;
      finish(error(429, 'Too many requests', { 'Retry-After': '1' }));
      return;
    }

    let malformed = false;
    const fault = faults.take(method, path);
    if (fault) {
      state.faultsApplied++;
      entry.fault = fault.kind;
      if (fault.kind === 'drop') return finish(null);
      if (fault.kind === 'status') return finish(faultReply(fault));
      if (fault.kind === 'delay') await sleep(fault.ms ?? 0);
      if (fault.kind === 'malformed') malformed = true;
    }

    if (!path.startsWith('/api/')) {
      finish(method === 'GET' ? page(app, path) : error(404, 'Not found'), malformed);
      return;
    }
    // Refused before auth, as the front proxy of a web service does.
    if (tooLarge) return finish(error(413, `Request body is larger than ${app.maxUploadBytes} bytes`));
    const caller = keyOwner(req, keys, options.basicChallenge ?? true);
    if (typeof caller !== 'string') return finish(caller);
    const match = router.match(method, path);
    if (match === undefined) return finish(error(404, `No endpoint ${method} ${path}`));
    if (match === 'method') return finish(error(405, `Method ${method} not supported`));
    if (badJson) return finish(error(400, 'Invalid JSON body'));
    const reply = await match.handler({
      method,
      path,
      query: url.searchParams,
      params: match.params,
      body,
      raw,
      req,
      caller,
    });
    finish(reply, malformed);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[fake-icu]', e);
      send(res, error(500, 'Internal error'));
    });
  };
  const cert = options.tls ? await fakeCert() : undefined;
  const server = cert ? createHttpsServer({ key: cert.key, cert: cert.cert }, listener) : createHttpServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${cert ? 'https' : 'http'}://${host}:${port}`;
  const athleteId = String(state.seed.athlete.id);
  info = {
    url,
    athleteId,
    today: state.seed.today,
    timezone: state.seed.timezone,
    athletes: seededAthletes(state),
    spkiHash: cert?.spkiHash,
    activities: state.seed.activities.map((a) =>
      a.kind === 'upload'
        ? {
            id: a.id,
            source: 'UPLOAD' as const,
            start_date_local: a.activity.start_date_local,
            type: a.activity.type,
            name: String(a.activity.name),
            file: a.file,
          }
        : { id: a.id, source: 'STRAVA' as const, start_date_local: a.stub.start_date_local },
    ),
  };

  return {
    url,
    port,
    host,
    tls: Boolean(cert),
    spkiHash: cert?.spkiHash,
    certPem: cert?.cert,
    athleteId,
    seed: info,
    faults,
    state,
    reset,
    syncDevice: (date, values, athleteId) => {
      const athlete = state.athlete(athleteId ?? state.owner.id);
      if (!athlete) throw new Error(`syncDevice: no athlete ${athleteId}`);
      return deviceSync(app, date, values, athlete);
    },
    setOptions: (changes) => {
      if (changes.unlockable !== undefined) app.unlockable = changes.unlockable;
      if (changes.nullClears !== undefined) app.nullClears = changes.nullClears;
      if (changes.partialSportSettings !== undefined) app.partialSportSettings = changes.partialSportSettings;
      if (changes.daysLater !== undefined) shiftMs = changes.daysLater * 86_400_000;
      if (changes.maxUploadBytes !== undefined) app.maxUploadBytes = changes.maxUploadBytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function seededAthletes(state: FakeState): SeededAthlete[] {
  const coached = new Set(state.coachedBy(state.owner.id));
  return [...state.athletes.values()].map((a) => ({
    id: a.id,
    name: String(a.seed.athlete.name),
    timezone: a.timezone,
    today: a.seed.today,
    measurement_preference: String(a.seed.athlete.measurement_preference),
    weight_pref_lb: Boolean(a.seed.athlete.weight_pref_lb),
    fahrenheit: Boolean(a.seed.athlete.fahrenheit),
    powerMeter: a.activities.some((x) => x.kind === 'upload' && x.watts.some((w) => w !== null)),
    coached: coached.has(a.id),
    activities: a.seed.activities.map((x) => x.id),
  }));
}
