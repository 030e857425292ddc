/**
 * Small realistic recordings made on the spot, for upload tests (here and in e2e): a 20-minute ride near Liège
 * sampled every second, with power, heart rate, cadence, altitude and position, as TCX (two laps, Garmin Edge 530),
 * GPX (Wahoo ELEMNT BOLT, power extension) or a FIT activity written with @garmin/fitsdk's Encoder. Deterministic for
 * a given start time, so the same call twice is the same file (a duplicate) and another start is a new activity.
 */
import { Encoder } from '@garmin/fitsdk';

export interface SamplePoint {
  at: Date;
  lat: number;
  lng: number;
  altitude: number;
  distance: number;
  speed: number;
  watts: number;
  heartrate: number;
  cadence: number;
}

/** `secs` one-second samples from `start`. */
export function sampleRide(start: Date, secs = 1200): SamplePoint[] {
  const points: SamplePoint[] = [];
  let distance = 0;
  for (let i = 0; i < secs; i++) {
    const speed = 8 + Math.sin(i / 90) * 1.5;
    distance += speed;
    points.push({
      at: new Date(start.getTime() + i * 1000),
      // About 1 m per 1.4e-5 degrees of longitude at 50.6° N: heading east.
      lat: 50.6326 + Math.sin(i / 300) * 0.002,
      lng: 5.5797 + distance * 1.42e-5,
      altitude: Math.round((120 + Math.sin(i / 200) * 25) * 10) / 10,
      distance: Math.round(distance * 100) / 100,
      speed: Math.round(speed * 1000) / 1000,
      watts: Math.round(190 + Math.sin(i / 45) * 60 + (i % 7) * 3),
      heartrate: Math.round(118 + Math.min(30, i / 25) + Math.sin(i / 60) * 4),
      cadence: Math.round(86 + Math.sin(i / 30) * 5),
    });
  }
  return points;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function sampleTcx(start: Date, secs = 1200): string {
  const points = sampleRide(start, secs);
  const half = Math.floor(points.length / 2);
  const laps = [points.slice(0, half), points.slice(half)];
  const trackpoint = (p: SamplePoint) =>
    [
      '          <Trackpoint>',
      `            <Time>${iso(p.at)}</Time>`,
      `            <Position><LatitudeDegrees>${p.lat.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${p.lng.toFixed(7)}</LongitudeDegrees></Position>`,
      `            <AltitudeMeters>${p.altitude}</AltitudeMeters>`,
      `            <DistanceMeters>${p.distance}</DistanceMeters>`,
      `            <HeartRateBpm><Value>${p.heartrate}</Value></HeartRateBpm>`,
      `            <Cadence>${p.cadence}</Cadence>`,
      `            <Extensions><ns3:TPX><ns3:Speed>${p.speed}</ns3:Speed><ns3:Watts>${p.watts}</ns3:Watts></ns3:TPX></Extensions>`,
      '          </Trackpoint>',
    ].join('\n');
  const lap = (ps: SamplePoint[]) => {
    const first = ps[0] as SamplePoint;
    const last = ps.at(-1) as SamplePoint;
    return [
      `    <Lap StartTime="${iso(first.at)}">`,
      `      <TotalTimeSeconds>${ps.length}</TotalTimeSeconds>`,
      `      <DistanceMeters>${Math.round((last.distance - first.distance + first.speed) * 100) / 100}</DistanceMeters>`,
      '      <Calories>0</Calories>',
      '      <Intensity>Active</Intensity>',
      '      <TriggerMethod>Manual</TriggerMethod>',
      '      <Track>',
      ps.map(trackpoint).join('\n'),
      '      </Track>',
      '    </Lap>',
    ].join('\n');
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">',
    '  <Activities>',
    '  <Activity Sport="Biking">',
    `    <Id>${iso(start)}</Id>`,
    ...laps.map(lap),
    '    <Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>Garmin Edge 530</Name></Creator>',
    '  </Activity>',
    '  </Activities>',
    '</TrainingCenterDatabase>',
    '',
  ].join('\n');
}

export function sampleGpx(start: Date, secs = 1200): string {
  const points = sampleRide(start, secs);
  const trkpt = (p: SamplePoint) =>
    `      <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lng.toFixed(7)}"><ele>${p.altitude}</ele><time>${iso(p.at)}</time><extensions><power>${p.watts}</power><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.heartrate}</gpxtpx:hr><gpxtpx:cad>${p.cadence}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx creator="Wahoo ELEMNT BOLT" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
    `  <metadata><time>${iso(start)}</time></metadata>`,
    '  <trk>',
    '    <name>Evening loop</name>',
    '    <type>cycling</type>',
    '    <trkseg>',
    ...points.map(trkpt),
    '    </trkseg>',
    '  </trk>',
    '</gpx>',
    '',
  ].join('\n');
}

const SEMICIRCLES = 2 ** 31 / 180;

/** A FIT activity file (file_id, records, one lap, session, activity). */
export function sampleFit(start: Date, secs = 1200): Uint8Array {
  const points = sampleRide(start, secs);
  const last = points.at(-1) as SamplePoint;
  const encoder = new Encoder();
  // Global message numbers: 0 file_id, 20 record, 19 lap, 18 session, 34 activity.
  const write = (mesgNum: number, mesg: Record<string, unknown>) => encoder.onMesg(mesgNum, mesg);
  write(0, {
    type: 'activity',
    manufacturer: 'garmin',
    product: 3121,
    serialNumber: 3345678901,
    timeCreated: start,
  });
  for (const p of points) {
    write(20, {
      timestamp: p.at,
      positionLat: Math.round(p.lat * SEMICIRCLES),
      positionLong: Math.round(p.lng * SEMICIRCLES),
      altitude: p.altitude,
      distance: p.distance,
      speed: p.speed,
      heartRate: p.heartrate,
      cadence: p.cadence,
      power: p.watts,
    });
  }
  const totals = {
    startTime: start,
    totalElapsedTime: secs,
    totalTimerTime: secs,
    totalDistance: last.distance,
  };
  write(19, { timestamp: last.at, messageIndex: 0, ...totals });
  write(18, {
    timestamp: last.at,
    messageIndex: 0,
    sport: 'cycling',
    subSport: 'road',
    numLaps: 1,
    ...totals,
  });
  write(34, { timestamp: last.at, numSessions: 1, type: 'manual', totalTimerTime: secs });
  return encoder.close();
}
