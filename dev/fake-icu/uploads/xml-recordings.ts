/**
 * TCX (Garmin Training Center) and GPX 1.1 recordings read with fast-xml-parser into the same shape as a decoded FIT
 * file ({@link FitActivity}), so an uploaded TCX or GPX becomes an activity through the same code as the seed.
 *
 * TCX: Activity@Sport, Lap@StartTime with TotalTimeSeconds, DistanceMeters, Calories, averages; Trackpoints with Time,
 * Position, AltitudeMeters, DistanceMeters, HeartRateBpm/Value, Cadence, and the ActivityExtension TPX Speed, Watts,
 * RunCadence; Creator/Name is the device. GPX: trkpt@lat/lon with ele and time; heart rate, cadence and temperature
 * from Garmin's TrackPointExtension (hr, cad, atemp), power from a `power` extension (as Strava and Wahoo write it);
 * `gpx@creator` is the device; GPX has no laps and no distance, so distance is summed along the track.
 * Namespace prefixes are dropped (ns3:TPX, gpxtpx:hr), as writers use different ones.
 */
import { XMLParser } from 'fast-xml-parser';
import type { FitActivity, FitLap, FitRecord, FitSession } from '../fit';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: true,
  isArray: (name) => ['Activity', 'Lap', 'Track', 'Trackpoint', 'trk', 'trkseg', 'trkpt'].includes(name),
});

type Node = Record<string, unknown>;

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};
const node = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : v === undefined ? [] : [node(v)]);
const time = (v: unknown): Date | null => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(t) ? new Date(t) : null;
};

export function parseXml(text: string): Node {
  try {
    return parser.parse(text.replace(/^\uFEFF/, '')) as Node;
  } catch (e) {
    throw new Error(`not valid XML (${(e as Error).message})`);
  }
}

interface Point extends Omit<FitRecord, 'time'> {
  at: Date;
}

const emptyPoint = (at: Date): Point => ({
  at,
  watts: null,
  heartrate: null,
  cadence: null,
  distance: null,
  altitude: null,
  lat: null,
  lng: null,
  speed: null,
  temperature: null,
  left_right_balance: null,
});

const mean = (xs: (number | null)[]) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
};
const max = (xs: (number | null)[]) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? Math.max(...ok) : null;
};

function lapOf(points: Point[], t0: number, startTime: Date, elapsed: number, distance: number | null): FitLap {
  const startOffset = (startTime.getTime() - t0) / 1000;
  return {
    startOffset,
    endOffset: startOffset + elapsed,
    startTime,
    endTime: new Date(startTime.getTime() + elapsed * 1000),
    totalElapsedTime: elapsed,
    totalTimerTime: elapsed,
    totalDistance: distance,
    avgPower: mean(points.map((p) => p.watts)),
    maxPower: max(points.map((p) => p.watts)),
    normalizedPower: null,
    avgHeartRate: mean(points.map((p) => p.heartrate)),
    maxHeartRate: max(points.map((p) => p.heartrate)),
    minHeartRate: null,
    avgCadence: null,
    maxCadence: max(points.map((p) => p.cadence)),
    avgSpeed: null,
    maxSpeed: max(points.map((p) => p.speed)),
    totalAscent: null,
    totalDescent: null,
    totalCalories: null,
    avgTemperature: null,
    leftRightBalance: null,
  };
}

/** Points in time order, plus laps and summary, as a FitActivity. */
function toActivity(
  points: Point[],
  laps: { start: Date; elapsed: number; distance: number | null; points: Point[] }[],
  sport: string,
  deviceName: string,
): FitActivity {
  if (points.length === 0) throw new Error('no track points with a time');
  points.sort((a, b) => a.at.getTime() - b.at.getTime());
  const start = points[0]?.at as Date;
  const t0 = start.getTime();
  const records: FitRecord[] = points.map(({ at, ...rest }) => ({
    ...rest,
    time: Math.round((at.getTime() - t0) / 1000),
  }));
  const last = records.at(-1)?.time ?? 0;
  const distance = records.findLast((r) => r.distance !== null)?.distance ?? null;
  const session: FitSession = {
    sport,
    subSport: 'generic',
    startTime: start,
    totalElapsedTime: last,
    totalTimerTime: last,
    totalDistance: distance,
    totalAscent: null,
    totalDescent: null,
    totalCalories: null,
    avgPower: mean(records.map((r) => r.watts)),
    maxPower: max(records.map((r) => r.watts)),
    normalizedPower: null,
    avgHeartRate: mean(records.map((r) => r.heartrate)),
    maxHeartRate: max(records.map((r) => r.heartrate)),
    avgCadence: null,
    avgSpeed: distance !== null && last > 0 ? distance / last : null,
    maxSpeed: max(records.map((r) => r.speed)),
    trainingStressScore: null,
  };
  return {
    start,
    records,
    laps: laps.map((l) => lapOf(l.points, t0, l.start, l.elapsed, l.distance)),
    session,
    deviceName,
    utcOffsetSecs: null,
  };
}

/** TCX Activity@Sport → FIT sport name. */
const TCX_SPORTS: Record<string, string> = { Biking: 'cycling', Running: 'running' };

export function parseTcx(text: string): FitActivity {
  const doc = parseXml(text);
  const root = node(doc.TrainingCenterDatabase);
  if (!doc.TrainingCenterDatabase) throw new Error('no <TrainingCenterDatabase> element: not a TCX file');
  const activity = list(node(root.Activities).Activity)[0];
  if (!activity) throw new Error('the TCX file has no <Activity>');
  const points: Point[] = [];
  const laps: { start: Date; elapsed: number; distance: number | null; points: Point[] }[] = [];
  for (const lap of list(activity.Lap)) {
    const lapPoints: Point[] = [];
    for (const track of list(lap.Track)) {
      for (const tp of list(track.Trackpoint)) {
        const at = time(tp.Time);
        if (!at) continue;
        const p = emptyPoint(at);
        const position = node(tp.Position);
        p.lat = num(position.LatitudeDegrees);
        p.lng = p.lat === null ? null : num(position.LongitudeDegrees);
        if (p.lng === null) p.lat = null;
        p.altitude = num(tp.AltitudeMeters);
        p.distance = num(tp.DistanceMeters);
        p.heartrate = num(node(tp.HeartRateBpm).Value);
        const tpx = node(node(tp.Extensions).TPX);
        p.cadence = num(tp.Cadence) ?? num(tpx.RunCadence);
        p.watts = num(tpx.Watts);
        p.speed = num(tpx.Speed);
        lapPoints.push(p);
      }
    }
    points.push(...lapPoints);
    const start = time(lap['@StartTime']) ?? lapPoints[0]?.at;
    if (start) {
      laps.push({
        start,
        elapsed: num(lap.TotalTimeSeconds) ?? 0,
        distance: num(lap.DistanceMeters),
        points: lapPoints,
      });
    }
  }
  const creator = node(activity.Creator);
  const device = typeof creator.Name === 'string' ? creator.Name : 'unknown';
  return toActivity(points, laps, TCX_SPORTS[String(activity['@Sport'])] ?? 'generic', device);
}

/** Metres between two points on a sphere of the Earth's mean radius. */
function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function gpxSport(type: unknown): string {
  const t = String(type ?? '').toLowerCase();
  if (/run/.test(t)) return 'running';
  if (/walk|hik/.test(t)) return 'walking';
  return 'cycling';
}

export function parseGpx(text: string): FitActivity {
  const doc = parseXml(text);
  if (!doc.gpx) throw new Error('no <gpx> element: not a GPX file');
  const gpx = node(doc.gpx);
  const tracks = list(gpx.trk);
  const points: Point[] = [];
  for (const trk of tracks) {
    for (const seg of list(trk.trkseg)) {
      for (const pt of list(seg.trkpt)) {
        const at = time(pt.time);
        const lat = num(pt['@lat']);
        const lng = num(pt['@lon']);
        if (!at) continue;
        const p = emptyPoint(at);
        if (lat !== null && lng !== null) {
          p.lat = lat;
          p.lng = lng;
        }
        p.altitude = num(pt.ele);
        const ext = node(pt.extensions);
        const tpe = node(ext.TrackPointExtension);
        p.heartrate = num(tpe.hr);
        p.cadence = num(tpe.cad);
        p.temperature = num(tpe.atemp);
        p.watts = num(ext.power) ?? num(tpe.power);
        points.push(p);
      }
    }
  }
  points.sort((a, b) => a.at.getTime() - b.at.getTime());
  let distance = 0;
  let prev: Point | undefined;
  for (const p of points) {
    if (prev && p.lat !== null && p.lng !== null && prev.lat !== null && prev.lng !== null) {
      const step = haversine(prev.lat, prev.lng, p.lat, p.lng);
      const secs = (p.at.getTime() - prev.at.getTime()) / 1000;
      distance += step;
      p.speed = secs > 0 ? Math.round((step / secs) * 1000) / 1000 : null;
    }
    if (p.lat !== null) p.distance = Math.round(distance * 100) / 100;
    if (p.lat !== null) prev = p;
  }
  const creator = typeof gpx['@creator'] === 'string' ? gpx['@creator'] : 'unknown';
  return toActivity(points, [], gpxSport(tracks[0]?.type), creator);
}

/** The track's own name, when a TCX (Activity Notes) or GPX (trk name) file gives one. */
export function recordingName(text: string, kind: 'tcx' | 'gpx'): string | undefined {
  const doc = parseXml(text);
  const name =
    kind === 'gpx'
      ? list(node(doc.gpx).trk)[0]?.name
      : list(node(node(doc.TrainingCenterDatabase).Activities).Activity)[0]?.Notes;
  return typeof name === 'string' && name.trim() ? name.trim() : undefined;
}
