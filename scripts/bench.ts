/**
 * npm run bench — timings that decide two design questions, measured in one process so machines don't matter:
 *
 * 1. CSV: lib/export/csv.ts `toCsv` against papaparse `unparse` on the streams of the longest real recording
 *    repeated to 10 hours. Keep our writer only if it is measurably faster.
 * 2. Mean-max: lib/power/mean-max.ts `meanMaxPower` against a plain prefix-sum scan written below, for the standard
 *    curve on a 24-hour synthetic series and on every real recording.
 *
 * Each comparison: warm-up runs, then alternating timed runs (A B, B A, …) with a full GC before each, so load drift
 * on a shared machine hits both sides alike; medians, and the share of A/B pairs that ours wins.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { type FitRecord, readFitFile } from '../dev/fake-icu/fit';
import { prng } from '../dev/fake-icu/prng';
import { type CsvCell, toCsv } from '../lib/export/csv';
import { meanMaxPower } from '../lib/power/mean-max';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = process.env.FAKE_ICU_FIXTURES ?? resolve(ROOT, '../shared/fixtures/activities');
const LONGEST = '4078723797.fit';
const WARMUP = 3;
const RUNS = 15;

// `tsx scripts/bench.ts` can't pass --expose-gc, so turn it on here: collecting before every timed run keeps one
// side's garbage from being charged to the other.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------------------------
// Timing

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface Comparison {
  /** Medians, ms. */
  ours: number;
  theirs: number;
  oursRuns: number[];
  theirsRuns: number[];
  /** Pairs (run i of each) in which ours was faster. */
  wins: number;
}

/** Median milliseconds of `ours` and `theirs`, run alternately after a warm-up of both. */
function compare(ours: () => unknown, theirs: () => unknown): Comparison {
  const time = (fn: () => unknown) => {
    gc();
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) {
    ours();
    theirs();
  }
  const oursRuns: number[] = [];
  const theirsRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      oursRuns.push(time(ours));
      theirsRuns.push(time(theirs));
    } else {
      theirsRuns.push(time(theirs));
      oursRuns.push(time(ours));
    }
  }
  const wins = oursRuns.filter((o, i) => o < (theirsRuns[i] as number)).length;
  return { ours: median(oursRuns), theirs: median(theirsRuns), oursRuns, theirsRuns, wins };
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const ms = (v: number) => v.toFixed(2);
const ratio = (c: Comparison) => (c.ours / c.theirs).toFixed(2);

// ---------------------------------------------------------------------------------------------------------------
// 1. CSV

function hms(s: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

/** A streams CSV as the export would write it: header + one row per second, the ride looped to `seconds`. */
function streamRows(samples: FitRecord[], seconds: number): CsvCell[][] {
  const header = ['time_s', 'time', 'watts', 'heartrate', 'cadence', 'distance_m', 'altitude_m', 'speed_mps'];
  const rows: CsvCell[][] = [[...header, 'temperature_c', 'lat', 'lng', 'left_balance_pct']];
  const loopDistance = samples.at(-1)?.distance ?? 0;
  for (let t = 0; t < seconds; t++) {
    const s = samples[t % samples.length] as FitRecord;
    // Keep distance growing across loops, as one long ride would.
    const distance = s.distance === null ? null : s.distance + Math.floor(t / samples.length) * loopDistance;
    const { watts, heartrate, cadence, altitude, speed, temperature, lat, lng, left_right_balance } = s;
    rows.push([
      t,
      hms(t),
      watts,
      heartrate,
      cadence,
      distance,
      altitude,
      speed,
      temperature,
      lat,
      lng,
      left_right_balance,
    ]);
  }
  return rows;
}

function benchCsv(samples: FitRecord[]): void {
  const rows = streamRows(samples, 36_000);
  // Same rules on both sides: CRLF, ',' and formula escaping (papaparse's escapeFormulae covers the same characters).
  const papa = () => Papa.unparse(rows as unknown[][], { newline: '\r\n', escapeFormulae: true });
  const ours = () => toCsv(rows);
  // Reading one character flattens V8's rope strings, so both results are real, contiguous strings.
  const flat = (s: string) => s.charCodeAt(s.length >> 1);

  const a = ours();
  const b = papa();
  const same = a === `${b}\r\n`; // we terminate the last record too
  const c = compare(
    () => flat(ours()),
    () => flat(papa()),
  );

  console.log(
    `\nCSV: ${LONGEST} streams looped to 10 h: ${rows.length - 1} rows × ${rows[0]?.length} columns, ` +
      `${(Buffer.byteLength(a) / 1e6).toFixed(1)} MB; identical output: ${same ? 'yes' : 'NO'}`,
  );
  printTable(
    ['writer', 'median ms', 'min ms', 'max ms'],
    [
      ['lib/export/csv.ts toCsv', ms(c.ours), ms(Math.min(...c.oursRuns)), ms(Math.max(...c.oursRuns))],
      ['papaparse unparse', ms(c.theirs), ms(Math.min(...c.theirsRuns)), ms(Math.max(...c.theirsRuns))],
    ],
  );
  // "Measurably" = medians at least 10 % apart and the same side faster in at least 80 % of the paired runs.
  const r = c.ours / c.theirs;
  const verdict =
    r <= 0.9 && c.wins >= 0.8 * RUNS
      ? 'ours is measurably faster: keep lib/export/csv.ts'
      : r >= 1.1 && c.wins <= 0.2 * RUNS
        ? 'ours is measurably slower: use papaparse'
        : 'no measurable difference: use papaparse';
  console.log(`ratio ours/papaparse: ${ratio(c)}, ours faster in ${c.wins}/${RUNS} pairs → ${verdict}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Mean-max

/**
 * The baseline: the DESIGN.md policy done the obvious way. Put samples on a 1 Hz grid (several in one second are
 * averaged, gaps and nulls are 0 W), take Float64Array prefix sums, and for each duration try every window.
 * Assumes samples in time order, as recordings are.
 */
function scanMeanMax(time: readonly number[], watts: readonly (number | null)[], durations: readonly number[]) {
  const t0 = time[0] ?? 0;
  const length = time.length === 0 ? 0 : Math.round((time.at(-1) as number) - t0) + 1;
  const sum = new Float64Array(length);
  const count = new Uint32Array(length);
  for (let i = 0; i < time.length; i++) {
    const s = Math.round((time[i] as number) - t0);
    sum[s] = (sum[s] as number) + (watts[i] ?? 0);
    count[s] = (count[s] as number) + 1;
  }
  const prefix = new Float64Array(length + 1);
  for (let s = 0; s < length; s++) {
    const mean = count[s] ? (sum[s] as number) / (count[s] as number) : 0;
    prefix[s + 1] = (prefix[s] as number) + mean;
  }
  return durations.map((d) => {
    if (d > length) return null;
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0; i + d <= length; i++) {
      const total = (prefix[i + d] as number) - (prefix[i] as number);
      if (total > best) best = total;
    }
    return best / d;
  });
}

/** Every second 1–120 s, then ~60 log-spaced durations up to the series length. */
function standardDurations(length: number): number[] {
  const out = Array.from({ length: Math.min(120, length) }, (_, i) => i + 1);
  for (let k = 1; k <= 60 && length > 120; k++) {
    const d = Math.round(120 * (length / 120) ** (k / 60));
    if (d > (out.at(-1) as number)) out.push(d);
  }
  return out;
}

/** 24 h at 1 Hz: endurance riding with noise, hard efforts, coasting (0 W) and dropouts (null). */
function syntheticDay(): { time: number[]; watts: (number | null)[] } {
  const rand = prng(20_240_917);
  const time: number[] = [];
  const watts: (number | null)[] = [];
  let effort = 0;
  for (let t = 0; t < 86_400; t++) {
    if (effort === 0 && rand() < 0.002) effort = 30 + Math.floor(rand() * 600);
    const base = effort > 0 ? 350 : 180;
    if (effort > 0) effort--;
    const r = rand();
    time.push(t);
    watts.push(r < 0.005 ? null : r < 0.08 ? 0 : Math.round(base + (rand() - 0.5) * 120));
  }
  return { time, watts };
}

function benchMeanMax(series: { name: string; time: number[]; watts: (number | null)[] }[]) {
  const rows = series.map(({ name, time, watts }) => {
    const length = Math.round((time.at(-1) as number) - (time[0] as number)) + 1;
    const durations = standardDurations(length);
    const ours = meanMaxPower(time, watts, durations);
    const scan = scanMeanMax(time, watts, durations);
    // Both must give the same curve, or the timing means nothing.
    const diff = Math.max(0, ...ours.map((v, i) => Math.abs((v ?? 0) - (scan[i] ?? 0))));
    const c = compare(
      () => meanMaxPower(time, watts, durations),
      () => scanMeanMax(time, watts, durations),
    );
    const wins = `${c.wins}/${RUNS}`;
    return [
      name,
      String(length),
      String(durations.length),
      ms(c.ours),
      ms(c.theirs),
      ratio(c),
      wins,
      diff.toExponential(1),
    ];
  });
  console.log('\nMean-max: meanMaxPower vs the prefix-sum scan in this script (standard curve)');
  printTable(['series', 'grid s', 'durations', 'ours ms', 'scan ms', 'ratio', 'ours won', 'max |Δ| W'], rows);
}

// ---------------------------------------------------------------------------------------------------------------

function main() {
  console.log(`node ${process.version}, ${WARMUP} warm-up + ${RUNS} alternating runs each, medians`);
  console.log('FIT files decoded with dev/fake-icu/fit.ts');
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.fit'))
    .sort();
  const recordings = files.map((f) => ({ name: f, samples: readFitFile(join(FIXTURES, f)).records }));

  const longest = recordings.find((r) => r.name === LONGEST);
  if (!longest) throw new Error(`${LONGEST} not found in ${FIXTURES}`);
  benchCsv(longest.samples);

  benchMeanMax([
    { name: 'synthetic 24 h', ...syntheticDay() },
    ...recordings.map((r) => ({
      name: r.name,
      time: r.samples.map((s) => s.time),
      watts: r.samples.map((s) => s.watts),
    })),
  ]);
}

main();
