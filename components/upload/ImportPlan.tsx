/**
 * "Import a plan": workout files (.zwo, .mrc, .erg, FIT workouts) onto calendar days. Each picked file gets a day
 * (by default one a day from the athlete's today); "Import" sends them all in one `events/bulk` with upsert, and the
 * background reads the days back, so the list below shows what the calendar now holds.
 */
import { useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { formatAbsoluteDate, formatClock } from '~/components/format';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { isIsoDate } from '~/lib/dates';
import { sendMessage } from '~/lib/messages';
import { formatBytes, refuseWorkoutFile, WORKOUT_ACCEPT } from '~/lib/upload/files';
import { defaultPlanDate } from '~/lib/upload/plan';
import type { PlanImportResult } from '~/lib/upload/views';
import { DropZone } from './DropZone';
import { readAsBase64 } from './read-file';

interface PlanRow {
  id: number;
  file: File;
  date: string;
  /** Why the file is not imported (wrong kind, too large). */
  refused: string | null;
}

type ImportState =
  | { state: 'idle' }
  | { state: 'importing' }
  | { state: 'done'; result: PlanImportResult }
  | { state: 'failed'; error: ErrorInfo };

let nextRowId = 1;

export interface ImportPlanProps {
  /** The athlete's today (null until known): the first file's default day. */
  today: string | null;
  disabled?: boolean;
}

export function ImportPlan({ today, disabled = false }: ImportPlanProps) {
  const [rows, setRows] = useState<PlanRow[]>([]);
  const [run, setRun] = useState<ImportState>({ state: 'idle' });
  const importable = rows.filter((r) => r.refused === null);
  const importing = run.state === 'importing';
  const datesValid = importable.every((r) => isIsoDate(r.date));

  const add = (files: File[]) => {
    setRows((current) => {
      let n = current.filter((r) => r.refused === null).length;
      const added = files.map((file) => {
        const refused = refuseWorkoutFile(file.name, file.size);
        const date = refused === null && today ? defaultPlanDate(today, n++) : '';
        return { id: nextRowId++, file, date, refused };
      });
      return [...current, ...added];
    });
  };

  const setDate = (id: number, date: string) =>
    setRows((current) => current.map((r) => (r.id === id ? { ...r, date } : r)));
  const remove = (id: number) => setRows((current) => current.filter((r) => r.id !== id));

  const start = async (event: Event) => {
    event.preventDefault();
    if (importable.length === 0 || !datesValid) return;
    setRun({ state: 'importing' });
    try {
      const items = await Promise.all(
        importable.map(async (r) => ({ fileName: r.file.name, date: r.date, base64: await readAsBase64(r.file) })),
      );
      setRun({ state: 'done', result: await sendMessage('importPlan', { items }) });
    } catch (error) {
      setRun({ state: 'failed', error: errorInfoOf(error) });
    }
  };

  const count = importable.length;
  return (
    <section class="bulk-card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Import a plan</h2>
      <p class="muted">
        Put workout files onto your intervals.icu calendar: pick the files, choose a day for each, and import. Importing
        the same file onto the same day again replaces the earlier import instead of adding a copy.
      </p>
      <DropZone
        id="plan-files"
        accept={WORKOUT_ACCEPT}
        disabled={disabled}
        title="Drop workout files here, or choose files"
        hint=".zwo (Zwift), .mrc, .erg or a FIT workout (.fit)."
        onFiles={add}
      />
      {rows.length > 0 ? (
        <form class="plan-form" onSubmit={start}>
          <ul class="upload-rows" aria-label="Workout files">
            {rows.map((row) => (
              <li key={row.id} class={`upload-row plan-row${row.refused ? ' upload-row-refused' : ''}`}>
                <div class="upload-row-head">
                  <span class="upload-row-name">{row.file.name}</span>
                  <span class="upload-row-size num">{formatBytes(row.file.size)}</span>
                  {row.refused === null ? (
                    <label class="plan-date" for={`plan-date-${row.id}`}>
                      <span class="visually-hidden">Day for {row.file.name}</span>
                      <input
                        id={`plan-date-${row.id}`}
                        type="date"
                        value={row.date}
                        required
                        disabled={importing}
                        onInput={(e) => setDate(row.id, e.currentTarget.value)}
                      />
                    </label>
                  ) : (
                    <span class="upload-row-state">Not imported</span>
                  )}
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={`Remove ${row.file.name}`}
                    disabled={importing}
                    onClick={() => remove(row.id)}
                  >
                    Remove
                  </button>
                </div>
                {row.refused ? <p class="upload-row-detail">{row.refused}</p> : null}
              </li>
            ))}
          </ul>
          <div class="bulk-actions">
            <button
              type="submit"
              class="btn btn-primary"
              disabled={disabled || importing || count === 0 || !datesValid}
            >
              {importing ? 'Importing…' : `Import ${count} ${count === 1 ? 'workout' : 'workouts'}`}
            </button>
          </div>
        </form>
      ) : null}
      {run.state === 'failed' ? <ErrorNotice info={run.error} /> : null}
      {run.state === 'done' ? <ImportResult result={run.result} /> : null}
    </section>
  );
}

function ImportResult({ result }: { result: PlanImportResult }) {
  const found = result.items.filter((i) => i.event !== null).length;
  const missing = result.items.length - found;
  return (
    <div class={`notice ${missing > 0 ? 'notice-error' : 'notice-success'}`} role="status">
      <p class="notice-title">
        {found} {found === 1 ? 'workout' : 'workouts'} on the calendar
        {missing > 0 ? `, ${missing} not found after the import` : ''}
      </p>
      <ul class="plan-results" aria-label="Imported workouts">
        {result.items.map((item) =>
          item.event ? (
            <li key={`${item.fileName}-${item.date}`}>
              <a href={item.event.url} target="_blank" rel="noopener">
                {item.event.name}
              </a>{' '}
              <span class="muted">
                {formatAbsoluteDate(item.event.date)}
                {item.event.movingTimeSecs ? ` · ${formatClock(item.event.movingTimeSecs)}` : ''}
                {item.event.load !== null ? ` · load ${Math.round(item.event.load)}` : ''}
                {` · ${item.fileName}`}
              </span>
            </li>
          ) : (
            <li key={`${item.fileName}-${item.date}`} class="plan-missing">
              {item.fileName}: not found on {formatAbsoluteDate(item.date)} after the import. Look on the calendar, or
              import it again.
            </li>
          ),
        )}
      </ul>
      <p class="notice-detail">
        Links open your intervals.icu calendar. Importing the same file onto the same day again replaces it.
      </p>
    </div>
  );
}
