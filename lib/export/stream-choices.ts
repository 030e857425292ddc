/**
 * Which streams go into a streams CSV: the choices the user picks from (popup, export page, the in-page ▾) and the
 * `types` to ask the API for. Kept apart from streams.ts (the CSV rows) so the background, which only fetches, and
 * the pickers load none of the CSV code. Pure.
 */

/** The streams the user can pick, in column order. `other` stands for every stream not listed here. */
export interface StreamChoice {
  id: string;
  label: string;
}

export const STREAM_CHOICES: readonly StreamChoice[] = [
  { id: 'watts', label: 'Power' },
  { id: 'heartrate', label: 'Heart rate' },
  { id: 'cadence', label: 'Cadence' },
  { id: 'distance', label: 'Distance' },
  { id: 'altitude', label: 'Altitude' },
  { id: 'latlng', label: 'Position (lat/long)' },
  { id: 'velocity_smooth', label: 'Speed' },
  { id: 'temp', label: 'Temperature' },
  { id: 'left_right_balance', label: 'L/R balance' },
  { id: 'other', label: 'Other streams' },
];

/** The stream types listed by name (all but `other`). */
export const KNOWN_STREAMS: ReadonlySet<string> = new Set(
  STREAM_CHOICES.map((c) => c.id).filter((id) => id !== 'other'),
);

/** Whether a stream of this type goes into the CSV, given the choices the user left out. `time` always does. */
export function wantsStream(type: string, excluded: readonly string[]): boolean {
  if (type === 'time') return true;
  return !excluded.includes(KNOWN_STREAMS.has(type) ? type : 'other');
}

/**
 * The `types` to ask `/streams.json` for. With the activity's `stream_types` known, exactly the wanted ones that
 * exist; without it, the known wanted ones (other streams cannot be named). Asking by name also keeps `watts` from
 * being renamed `raw_watts`, which the API does when no types are given.
 */
export function streamTypesToRequest(available: readonly string[] | undefined, excluded: readonly string[]): string[] {
  const candidates = available ?? ['time', ...KNOWN_STREAMS];
  const wanted = candidates.filter((type) => wantsStream(type, excluded));
  return wanted.includes('time') ? wanted : ['time', ...wanted];
}
