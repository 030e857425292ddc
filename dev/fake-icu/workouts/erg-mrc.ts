/**
 * `.erg` (watts) and `.mrc` (percent of FTP): the plain-text course files of CompuTrainer, read by TrainerRoad,
 * Golden Cheetah, PerfPRO and most trainer apps. A `[COURSE HEADER]` (VERSION, UNITS, DESCRIPTION, FILE NAME,
 * FTP for ERG, the column names) and `[COURSE DATA]` rows of "minutes<TAB>value"; each step is two rows (its start
 * and its end), so a ramp is a sloped segment and a steady step a flat one. Step texts go in `[COURSE TEXT]` rows
 * (seconds, text, seconds shown), as TrainerRoad writes them.
 *
 * Assumed: ERG uses the FTP of the workout's sport from the athlete's sport settings; a power range becomes its
 * middle; steps with only a heart-rate or pace target (and free rides) have no power to write and become 0, as
 * intervals.icu's power-only exports are reported to do ("targets lost in conversion").
 */
import { type DocStep, flatten, powerWatts, type Step, type Thresholds } from './doc';
import type { ParsedWorkout, WorkoutFileInput } from './zwo';

type Kind = 'erg' | 'mrc';

const minutes = (secs: number) => (secs / 60).toFixed(2);

/** Start and end of each step's power: watts for ERG, percent of FTP for MRC. */
function levels(step: Step, kind: Kind, ftp: number): [number, number] {
  const w = powerWatts(step, ftp);
  if (!w) return [0, 0];
  const [start, end] = step.ramp ? [w.low, w.high] : [(w.low + w.high) / 2, (w.low + w.high) / 2];
  const scale = kind === 'erg' ? 1 : 100 / ftp;
  const round = (x: number) => (kind === 'erg' ? Math.round(x) : Math.round(x * 10) / 10);
  return [round(start * scale), round(end * scale)];
}

export function writeCourse(kind: Kind, w: WorkoutFileInput, t: Thresholds, fileName: string): string {
  const steps = flatten(w.steps);
  const header = [
    '[COURSE HEADER]',
    'VERSION = 2',
    'UNITS = ENGLISH',
    `DESCRIPTION = ${(w.description ?? w.name).replace(/\s*\n\s*/g, ' ')}`,
    `FILE NAME = ${fileName}`,
    ...(kind === 'erg' ? [`FTP = ${t.ftp}`] : []),
    kind === 'erg' ? 'MINUTES WATTS' : 'MINUTES PERCENT',
    '[END COURSE HEADER]',
  ];
  const rows: string[] = [];
  const texts: string[] = [];
  let at = 0;
  for (const step of steps) {
    const [start, end] = levels(step, kind, t.ftp);
    rows.push(`${minutes(at)}\t${start}`, `${minutes(at + step.duration)}\t${end}`);
    if (step.text) texts.push(`${at}\t${step.text}\t${Math.min(step.duration, 10)}`);
    at += step.duration;
  }
  const text = texts.length > 0 ? ['[COURSE TEXT]', ...texts, '[END COURSE TEXT]'] : [];
  return [...header, '[COURSE DATA]', ...rows, '[END COURSE DATA]', ...text, ''].join('\r\n');
}

/**
 * Reads an ERG or MRC file back into steps (`events/bulk` uploads): each pair of rows that spans time is a step, a
 * sloped one a ramp. ERG watts stay watts; MRC percent is % FTP.
 */
export function parseCourse(text: string): ParsedWorkout {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => l.toUpperCase() === '[COURSE DATA]');
  const end = lines.findIndex((l) => l.toUpperCase() === '[END COURSE DATA]');
  if (start < 0 || end < start) throw new Error('no [COURSE DATA] section: not an ERG or MRC file');
  const header = lines.slice(0, start);
  const columns = header.find((l) => /^MINUTES\s+/i.test(l))?.toUpperCase() ?? '';
  const units = columns.includes('PERCENT') ? '%ftp' : columns.includes('WATTS') ? 'w' : undefined;
  if (!units) throw new Error('the header names no MINUTES WATTS or MINUTES PERCENT columns');
  const description = header.find((l) => /^DESCRIPTION\s*=/i.test(l))?.replace(/^DESCRIPTION\s*=\s*/i, '');
  const points = lines
    .slice(start + 1, end)
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const [m, v] = l.split(/\s+/).map(Number);
      if (m === undefined || v === undefined || !Number.isFinite(m) || !Number.isFinite(v)) {
        throw new Error(`[COURSE DATA] row ${i + 1} is not "minutes value": ${l}`);
      }
      return { secs: Math.round(m * 60), value: v };
    });
  const steps: DocStep[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as { secs: number; value: number };
    const b = points[i + 1] as { secs: number; value: number };
    if (b.secs < a.secs) throw new Error('[COURSE DATA] times go backwards');
    if (b.secs === a.secs) continue;
    const power = a.value === b.value ? { value: a.value, units } : { start: a.value, end: b.value, units };
    steps.push({ duration: b.secs - a.secs, power, ...(a.value === b.value ? {} : { ramp: true }) });
  }
  if (steps.length === 0) throw new Error('[COURSE DATA] has no steps');
  return { description, type: 'Ride', steps };
}
