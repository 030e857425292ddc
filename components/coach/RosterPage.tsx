/**
 * The roster page (entrypoints/roster), for coaches: every athlete the key coaches or follows, today (each in their own
 * time zone) — weight, resting HR, HRV, sleep, whether the day is locked — and their load over the last 7 days from
 * `athlete-summary`. Sortable by any column. Select athletes and "Lock today" locks each one's today, read back per
 * athlete. Rows load one athlete at a time through the shared rate limit, with progress; a refused athlete (403: the
 * key may no longer see them) is explained on its row and the others still load.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatNumber, formatSleep, quantityText } from '~/components/format';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf, explainError } from '~/lib/api/explain-error';
import type { AthletesView, RosterRow } from '~/lib/coach-views';
import { sendMessage } from '~/lib/messages';
import { kgToLb } from '~/lib/wellness/units';
import '~/components/export/export.css';
import './roster.css';

type SortKey = 'name' | 'weightKg' | 'restingHR' | 'hrv' | 'sleepSecs' | 'locked' | 'load';
type LockState = { tone: 'ok' | 'bad' | 'busy'; text: string };

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Athlete' },
  { key: 'weightKg', label: 'Weight' },
  { key: 'restingHR', label: 'Resting HR' },
  { key: 'hrv', label: 'HRV' },
  { key: 'sleepSecs', label: 'Sleep' },
  { key: 'locked', label: 'Today locked' },
  { key: 'load', label: 'Load, last 7 days' },
];

/** In the athlete's own unit (intervals.icu stores kg). */
function weightText(kg: number, inLb: boolean): string {
  return inLb ? `${formatNumber(kgToLb(kg), { maxDecimals: 1 })} lb` : `${formatNumber(kg, { maxDecimals: 1 })} kg`;
}

function errorText(info: ErrorInfo): string {
  return info.status === 403 || info.kind === 'not-found' || info.kind === 'invalid'
    ? info.message
    : explainError(info).title;
}

function sortValue(row: RosterRow, key: SortKey, loads: Record<string, number | null>): string | number | null {
  if (key === 'name') return row.athlete.name.toLocaleLowerCase();
  if (key === 'load') return loads[row.athlete.id] ?? null;
  if (key === 'locked') return row.error ? null : row.locked ? 1 : 0;
  return row[key];
}

export function RosterPage() {
  const [athletes, setAthletes] = useState<AthletesView | null>(null);
  const [rows, setRows] = useState<Record<string, RosterRow>>({});
  const [loads, setLoads] = useState<Record<string, number | null>>({});
  const [loadsError, setLoadsError] = useState<string | null>(null);
  const [failed, setFailed] = useState<ErrorInfo | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [locks, setLocks] = useState<Record<string, LockState>>({});

  const loadRow = async (athleteId: string) => {
    const row = await sendMessage('getRosterRow', { athleteId });
    setRows((r) => ({ ...r, [athleteId]: row }));
  };

  /**
   * The list as stored (read again when a few hours old), so an athlete who stopped sharing stays on it with the
   * reason on their row; "Refresh the list" asks intervals.icu now.
   */
  const load = async (force: boolean) => {
    try {
      const view = await sendMessage('getAthletes', { source: 'network', ...(force ? { force } : {}) });
      setRows({});
      setSelected(new Set());
      setLocks({});
      setFailed(null);
      setAthletes(view);
      sendMessage('getRosterLoads', undefined).then(setLoads, (e) => setLoadsError(errorText(errorInfoOf(e))));
      // One athlete after another: progress shows, and the shared limiter paces them anyway.
      for (const a of view.athletes) await loadRow(a.id).catch(() => {});
    } catch (e) {
      setFailed(errorInfoOf(e));
    }
  };

  useEffect(() => {
    void load(false);
  }, []);

  const list = athletes?.athletes ?? [];
  const loaded = list.filter((a) => rows[a.id]).length;
  const sorted = useMemo(() => {
    const present = list.map((a) => rows[a.id]).filter((r): r is RosterRow => r !== undefined);
    const { key, descending } = sort;
    return present.sort((x, y) => {
      const a = sortValue(x, key, loads);
      const b = sortValue(y, key, loads);
      if (a === b) return 0;
      if (a === null) return 1; // empty cells last, either way
      if (b === null) return -1;
      return (a < b ? -1 : 1) * (descending ? -1 : 1);
    });
  }, [list, rows, loads, sort]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const lockSelected = async () => {
    for (const id of selected) {
      const row = rows[id];
      if (!row || row.error) continue;
      setLocks((l) => ({ ...l, [id]: { tone: 'busy', text: 'Locking…' } }));
      try {
        const result = await sendMessage('setWellnessLock', { athleteId: id, date: row.today, locked: true });
        const state: LockState =
          result.status === 'pending'
            ? { tone: 'bad', text: 'Pending: will retry' }
            : result.locked
              ? { tone: 'ok', text: 'Locked ✓ (read back)' }
              : { tone: 'bad', text: 'intervals.icu did not keep it locked' };
        setLocks((l) => ({ ...l, [id]: state }));
        if (result.locked) setRows((r) => ({ ...r, [id]: { ...row, locked: true } }));
      } catch (e) {
        setLocks((l) => ({ ...l, [id]: { tone: 'bad', text: errorText(errorInfoOf(e)) } }));
      }
    }
  };

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          class="roster-sort"
          onClick={() => setSort({ key, descending: active ? !sort.descending : false })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <main class="bulk roster">
      <header class="bulk-header">
        <h1>Athletes</h1>
        <p class="bulk-intro">
          Everyone your key coaches or follows, today in their own time zone. Sort by any column; select athletes to
          lock their today so device syncs leave it alone.
        </p>
      </header>
      {failed ? (
        <div class="notice notice-error" role="alert">
          <p class="notice-title">{explainError(failed).title}</p>
          <p class="notice-detail">{failed.message}</p>
          <button type="button" class="btn btn-small" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
        </div>
      ) : null}
      <section class="bulk-card" aria-label="Athletes today">
        <p class="bulk-progress-text" role="status" aria-live="polite">
          {athletes
            ? loaded < list.length
              ? `Loading ${loaded} of ${list.length} athletes…`
              : `${list.length} athletes`
            : 'Loading…'}
          {loadsError ? ` · Loads unavailable: ${loadsError}` : ''}
        </p>
        {athletes && loaded < list.length ? <progress class="bulk-progress" max={list.length} value={loaded} /> : null}
        <div class="roster-table-wrap">
          <table class="roster-table">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
                {COLUMNS.map((c) => header(c.key, c.label))}
                <th scope="col">Lock</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => {
                const { athlete } = row;
                const load = loads[athlete.id];
                const lock = locks[athlete.id];
                return (
                  <tr key={athlete.id} data-athlete-id={athlete.id} class={row.error ? 'roster-refused' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${athlete.name}`}
                        checked={selected.has(athlete.id)}
                        disabled={row.error !== null}
                        onChange={() => toggle(athlete.id)}
                      />
                    </td>
                    <th scope="row">
                      {athlete.name}
                      {athlete.id === athletes?.selfId ? <span class="muted"> (me)</span> : null}
                      <span class="roster-today muted">{row.today}</span>
                    </th>
                    {row.error ? (
                      <td colSpan={5} class="roster-error">
                        {errorText(row.error)}
                      </td>
                    ) : (
                      <>
                        <td class="num">
                          {row.weightKg === null ? '—' : weightText(row.weightKg, row.athlete.units?.weightLb === true)}
                        </td>
                        <td class="num">{row.restingHR === null ? '—' : `${row.restingHR} bpm`}</td>
                        <td class="num">
                          {row.hrv === null ? '—' : `${formatNumber(row.hrv, { maxDecimals: 0 })} ms`}
                        </td>
                        <td class="num">{row.sleepSecs === null ? '—' : quantityText(formatSleep(row.sleepSecs))}</td>
                        <td>{row.locked ? 'Locked' : 'Not locked'}</td>
                      </>
                    )}
                    <td class="num">{load === undefined || load === null ? '—' : formatNumber(load, {})}</td>
                    <td class={lock ? `roster-lock roster-${lock.tone}` : 'roster-lock'} role="status">
                      {lock?.text ?? ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="bulk-actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={selected.size === 0}
            onClick={() => void lockSelected()}
          >
            Lock today for {selected.size} selected
          </button>
          <button type="button" class="btn" onClick={() => void load(true)}>
            Refresh the list of athletes
          </button>
        </div>
      </section>
    </main>
  );
}
