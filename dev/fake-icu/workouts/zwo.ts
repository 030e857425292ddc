/**
 * Zwift's workout file (`.zwo`): `<workout_file>` with `<workout>` steps. Written from a workout's steps and read
 * back (for `events/bulk` uploads) with fast-xml-parser, in document order.
 *
 * Written (documented by Zwift's files, which intervals.icu's exports follow):
 * - Power is a fraction of FTP (watts targets divided by the athlete's FTP). `Warmup`, `Cooldown` and `Ramp` carry
 *   `PowerLow` (start) and `PowerHigh` (end): Zwift ramps from the first to the second, down as well as up.
 * - A repeat of one on and one off steady step is `IntervalsT`; other repeats are written out step by step.
 * - `Cadence` (and `CadenceResting` on IntervalsT) where a step has a cadence target; a step's text is a `textevent`.
 * Assumed (not documented):
 * - A power range on a steady step becomes its middle (`Power`), as classic ZWO has one value per steady step.
 * - Runs (`<sportType>run</sportType>`): Zwift reads `Power` as a share of the runner's pace, so `%pace` targets are
 *   written as fractions of threshold speed.
 * - Heart-rate targets have no place in ZWO: such a step becomes `FreeRide` with a `textevent` naming the bpm range
 *   (intervals.icu's export is believed to lose them the same way).
 */
import { XMLParser } from 'fast-xml-parser';
import { type DocStep, hrBpm, isRepeat, powerFraction, range, type Step, type Target, type Thresholds } from './doc';

export interface WorkoutFileInput {
  name: string;
  description?: string;
  /** intervals.icu activity type: Ride, VirtualRide, Run ... */
  type: string;
  steps: readonly DocStep[];
}

const isRun = (type: string) => /Run$/.test(type);

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

const fraction = (x: number) => (Math.round(x * 1000) / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '');

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? fraction(v) : escapeXml(v as string)}"`)
    .join('');
}

/** The step's main target as a fraction: of FTP for power, of threshold speed for pace. */
function level(step: Step, t: Thresholds): { low: number; high: number } | null {
  const power = powerFraction(step, t.ftp);
  if (power) return power;
  if (step.pace) {
    const { low, high } = range(step.pace);
    return { low: low / 100, high: high / 100 };
  }
  return null;
}

function cadence(step: Step): number | undefined {
  return step.cadence ? Math.round((range(step.cadence).low + range(step.cadence).high) / 2) : undefined;
}

function element(name: string, attributes: string, messages: string[]): string {
  if (messages.length === 0) return `    <${name}${attributes}/>`;
  const events = messages.map((m) => `      <textevent timeoffset="0" message="${escapeXml(m)}"/>`).join('\n');
  return `    <${name}${attributes}>\n${events}\n    </${name}>`;
}

function stepXml(step: Step, t: Thresholds): string {
  const messages = step.text ? [step.text] : [];
  const l = level(step, t);
  if (!l) {
    const hr = hrBpm(step, t.lthr);
    if (hr) messages.push(`HR ${Math.round(hr.low)}-${Math.round(hr.high)} bpm`);
    return element('FreeRide', attrs({ Duration: step.duration, Cadence: cadence(step) }), messages);
  }
  if (step.ramp) {
    const name = step.warmup ? 'Warmup' : step.cooldown ? 'Cooldown' : 'Ramp';
    const a = attrs({ Duration: step.duration, PowerLow: l.low, PowerHigh: l.high, Cadence: cadence(step) });
    return element(name, a, messages);
  }
  const a = attrs({ Duration: step.duration, Power: (l.low + l.high) / 2, Cadence: cadence(step) });
  return element('SteadyState', a, messages);
}

/** A repeat of one steady "on" and one steady "off" power step fits Zwift's IntervalsT. */
function intervalsT(reps: number, on: Step, off: Step, t: Thresholds): string | null {
  const onLevel = level(on, t);
  const offLevel = level(off, t);
  if (!onLevel || !offLevel || on.ramp || off.ramp) return null;
  const a = attrs({
    Repeat: reps,
    OnDuration: on.duration,
    OffDuration: off.duration,
    OnPower: (onLevel.low + onLevel.high) / 2,
    OffPower: (offLevel.low + offLevel.high) / 2,
    Cadence: cadence(on),
    CadenceResting: cadence(off),
  });
  return element('IntervalsT', a, on.text ? [on.text] : []);
}

export function writeZwo(w: WorkoutFileInput, t: Thresholds): string {
  const body = w.steps.flatMap((s) => {
    if (!isRepeat(s)) return [stepXml(s, t)];
    const [on, off] = s.steps;
    if (s.steps.length === 2 && on && off) {
      const compact = intervalsT(s.reps, on, off, t);
      if (compact) return [compact];
    }
    return Array.from({ length: s.reps }, () => s.steps.map((step) => stepXml(step, t))).flat();
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<workout_file>',
    '  <author>intervals.icu</author>',
    `  <name>${escapeXml(w.name)}</name>`,
    `  <description>${escapeXml(w.description ?? '')}</description>`,
    `  <sportType>${isRun(w.type) ? 'run' : 'bike'}</sportType>`,
    '  <tags/>',
    '  <workout>',
    ...body,
    '  </workout>',
    '</workout_file>',
    '',
  ].join('\n');
}

// ---- reading ----

export interface ParsedWorkout {
  name?: string;
  description?: string;
  /** "Ride" or "Run". */
  type?: string;
  steps: DocStep[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  trimValues: true,
});

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function children(node: OrderedNode): OrderedNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

function textOf(node: OrderedNode | undefined): string | undefined {
  if (!node) return undefined;
  const parts = children(node)
    .map((c) => c['#text'])
    .filter((t) => t !== undefined);
  return parts.length > 0 ? parts.join('') : undefined;
}

/** Attributes by lower-case name: Zwift's own files are not consistent about case (`Freeride`, `pace`, `Cadence`). */
function attributesOf(node: OrderedNode): Record<string, string> {
  return Object.fromEntries(Object.entries(node[':@'] ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

const percent = (fractionText: string | undefined) =>
  fractionText === undefined ? undefined : Math.round(Number(fractionText) * 1000) / 10;

function seconds(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what}: Duration must be a positive number of seconds`);
  return Math.round(n);
}

function target(units: string, low: number | undefined, high?: number): Target | undefined {
  if (low === undefined || !Number.isFinite(low)) return undefined;
  if (high === undefined || !Number.isFinite(high) || high === low) return { value: low, units };
  return { start: low, end: high, units };
}

function cadenceTarget(value: string | undefined): Target | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? { value: n, units: 'rpm' } : undefined;
}

function message(node: OrderedNode): string | undefined {
  const event = children(node).find((c) => tagOf(c)?.toLowerCase() === 'textevent');
  return event ? attributesOf(event).message : undefined;
}

/** Reads a ZWO file's name, sport and steps; throws with what is wrong when it is not a Zwift workout. */
export function parseZwo(xml: string): ParsedWorkout {
  let doc: OrderedNode[];
  try {
    doc = parser.parse(xml) as OrderedNode[];
  } catch (e) {
    throw new Error(`not valid XML (${(e as Error).message})`);
  }
  const root = doc.find((n) => tagOf(n) === 'workout_file');
  if (!root) throw new Error('no <workout_file> element: not a Zwift workout');
  const field = (name: string) => children(root).find((c) => tagOf(c) === name);
  const run = textOf(field('sportType'))?.toLowerCase() === 'run';
  const units = run ? '%pace' : '%ftp';
  const key = run ? 'pace' : 'power';
  const workout = field('workout');
  if (!workout) throw new Error('no <workout> element');

  const steps: DocStep[] = [];
  for (const node of children(workout)) {
    const tag = tagOf(node) ?? '';
    const a = attributesOf(node);
    const text = message(node);
    const withText = <T extends object>(s: T): T => (text ? { text, ...s } : s);
    const lower = tag.toLowerCase();
    if (lower === 'warmup' || lower === 'cooldown' || lower === 'ramp') {
      const step: Step = { duration: seconds(a.duration, tag), ramp: true };
      if (lower === 'warmup') step.warmup = true;
      if (lower === 'cooldown') step.cooldown = true;
      const t = target(units, percent(a.powerlow), percent(a.powerhigh));
      if (t) step[key] = t;
      const c = cadenceTarget(a.cadence);
      if (c) step.cadence = c;
      steps.push(withText(step));
    } else if (lower === 'steadystate') {
      const step: Step = { duration: seconds(a.duration, tag) };
      const t =
        a.power !== undefined
          ? target(units, percent(a.power))
          : target(units, percent(a.powerlow), percent(a.powerhigh));
      if (t) step[key] = t;
      const c = cadenceTarget(a.cadence);
      if (c) step.cadence = c;
      steps.push(withText(step));
    } else if (lower === 'intervalst') {
      const reps = Math.round(Number(a.repeat ?? 1));
      if (!(reps >= 1)) throw new Error('IntervalsT: Repeat must be at least 1');
      const on: Step = { duration: seconds(a.onduration, 'IntervalsT OnDuration') };
      const off: Step = { duration: seconds(a.offduration, 'IntervalsT OffDuration') };
      const onT = target(units, percent(a.onpower ?? a.poweronlow), percent(a.poweronhigh));
      const offT = target(units, percent(a.offpower ?? a.powerofflow), percent(a.poweroffhigh));
      if (onT) on[key] = onT;
      if (offT) off[key] = offT;
      const c = cadenceTarget(a.cadence);
      if (c) on.cadence = c;
      const cr = cadenceTarget(a.cadenceresting);
      if (cr) off.cadence = cr;
      steps.push(withText({ reps, steps: [on, off] }));
    } else if (lower === 'freeride' || lower === 'maxeffort') {
      steps.push(withText({ duration: seconds(a.duration, tag), freeride: true }));
    } else if (lower !== 'textevent' && tag !== '#text') {
      throw new Error(`unknown ZWO step <${tag}>`);
    }
  }
  if (steps.length === 0) throw new Error('the workout has no steps');
  return {
    name: textOf(field('name')),
    description: textOf(field('description')),
    type: run ? 'Run' : 'Ride',
    steps,
  };
}
