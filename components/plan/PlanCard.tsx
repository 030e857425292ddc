/**
 * The popup's Plan card: today's and the next 7 days' planned workouts (name, sport, duration, load, the first lines
 * of the description), each saved in one click in the default format, or in any of the four from its menu, with one
 * line saying what that format keeps of this workout before it is downloaded; and the whole week in one zip.
 * Opened by the "Download today's workout" shortcut (`saveToday`), it saves today's first workout at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { Section } from '~/components/common/Section';
import { type Source, useCachedThenFresh } from '~/components/common/use-cached-then-fresh';
import { formatAgo, formatDuration, formatRelativeDay, formatSport, quantityText } from '~/components/format';
import { errorInfoOf, explainError } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import {
  DEFAULT_WORKOUT_FORMAT,
  FORMAT_LABELS,
  formatNote,
  WORKOUT_FORMATS,
  type WorkoutFormat,
} from '~/lib/plan/formats';
import { isDownloadable, type PlannedWorkoutView, type PlanView } from '~/lib/plan/views';
import { readWorkoutFormat, workoutFormat } from '~/lib/settings';
import { openUploadPage } from '../upload/open';
import { saveWeek, saveWorkout } from './save-workouts';
import './plan.css';

export interface PlanCardProps {
  /** Save today's first workout as soon as the plan is in (the shortcut opened the popup for it). */
  saveToday?: boolean;
}

type Status = { tone: 'ok' | 'bad' | 'busy'; text: string } | null;

const askPlan = (request: Source) => sendMessage('getPlan', request);

function failure(error: unknown, what: string): Status {
  const info = errorInfoOf(error);
  return { tone: 'bad', text: `${what}: ${info.kind === 'invalid' ? info.message : explainError(info).title}` };
}

function groupByDay(workouts: readonly PlannedWorkoutView[]): [string, PlannedWorkoutView[]][] {
  const days = new Map<string, PlannedWorkoutView[]>();
  for (const w of workouts) days.set(w.date, [...(days.get(w.date) ?? []), w]);
  return [...days];
}

export function PlanCard({ saveToday = false }: PlanCardProps) {
  const { value: plan, loading, error, reload } = useCachedThenFresh<PlanView>(askPlan);
  const [format, setFormat] = useState<WorkoutFormat>(DEFAULT_WORKOUT_FORMAT);
  const [status, setStatus] = useState<Status>(null);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const todayDone = useRef(false);

  useEffect(() => {
    void readWorkoutFormat().then(setFormat);
  }, []);

  const chooseFormat = (next: WorkoutFormat) => {
    setFormat(next);
    void workoutFormat.setValue(next);
  };

  const download = async (workout: PlannedWorkoutView, as: WorkoutFormat) => {
    setMenuFor(null);
    setStatus({ tone: 'busy', text: `Downloading ${workout.name}…` });
    try {
      const saved = await saveWorkout(workout.id, as);
      setStatus({ tone: 'ok', text: `Saved ${saved.fileName}` });
    } catch (e) {
      setStatus(failure(e, `${workout.name} not downloaded`));
    }
  };

  const downloadWeek = async () => {
    setStatus({ tone: 'busy', text: 'Building the week’s zip…' });
    try {
      const week = await saveWeek(format);
      const skipped = week.skipped.length > 0 ? ` (${week.skipped.length} without steps left out)` : '';
      setStatus(
        week.count === 0
          ? { tone: 'bad', text: 'No structured workout in the next 8 days: nothing to zip.' }
          : { tone: 'ok', text: `Saved ${week.fileName}: ${week.count} workouts${skipped}` },
      );
    } catch (e) {
      setStatus(failure(e, 'Week not downloaded'));
    }
  };

  // The shortcut: once the fresh plan is in, today's first structured workout, in the default format.
  useEffect(() => {
    if (!saveToday || todayDone.current || loading || !plan) return;
    todayDone.current = true;
    document.getElementById('plan')?.scrollIntoView({ block: 'start' });
    const today = plan.workouts.filter((w) => w.date === plan.today && isDownloadable(w));
    const first = today[0];
    if (!first) {
      setStatus({ tone: 'bad', text: 'No structured workout is planned for today.' });
      return;
    }
    void readWorkoutFormat().then(async (as) => {
      await download(first, as);
      if (today.length > 1) {
        setStatus((s) =>
          s?.tone === 'ok' ? { ...s, text: `${s.text}. ${today.length - 1} more today: use its Download button.` } : s,
        );
      }
    });
  }, [saveToday, loading, plan]);

  const days = plan ? groupByDay(plan.workouts) : [];
  // "Today", "Tomorrow"… from the athlete's today (a coached athlete's may not be the browser's): noon of that day.
  const [y, m, d] = (plan?.today ?? '').split('-').map(Number);
  const now = plan && y && m && d ? new Date(y, m - 1, d, 12) : new Date();
  return (
    <Section
      id="plan"
      title="Plan"
      class="plan"
      aside={
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void reload(true)}
          disabled={loading}
          aria-label="Refresh planned workouts"
          title={plan ? `Updated ${formatAgo(plan.fetchedAt)}` : undefined}
        >
          {loading ? 'Updating…' : 'Refresh'}
        </button>
      }
    >
      {error ? (
        <ErrorNotice info={error} compact>
          <button type="button" class="btn btn-small" onClick={() => void reload(true)}>
            Retry
          </button>
        </ErrorNotice>
      ) : null}
      {!plan && loading ? <p class="muted placeholder">Loading your planned workouts…</p> : null}
      {plan && plan.workouts.length === 0 ? (
        <p class="muted">No workouts planned for today or the next 7 days.</p>
      ) : null}
      {plan && plan.workouts.length > 0 ? (
        <>
          <div class="p-format">
            <label for="plan-format">Download as</label>
            <select
              id="plan-format"
              value={format}
              onChange={(e) => chooseFormat((e.currentTarget as HTMLSelectElement).value as WorkoutFormat)}
            >
              {WORKOUT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <ol class="p-days">
            {days.map(([day, workouts]) => (
              <li key={day} class="p-day">
                <h3 class="p-day-title">{formatRelativeDay(day, now)}</h3>
                <ul class="p-workouts">
                  {workouts.map((w) => (
                    <WorkoutRow
                      key={w.id}
                      workout={w}
                      format={format}
                      menuOpen={menuFor === w.id}
                      onMenu={(open) => setMenuFor(open ? w.id : null)}
                      onDownload={(as) => void download(w, as)}
                    />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <div class="p-actions">
        {plan && plan.workouts.length > 0 ? (
          <button type="button" class="btn btn-small" onClick={() => void downloadWeek()}>
            Download week (.zip, {format.toUpperCase()})
          </button>
        ) : null}
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void openUploadPage()}
          title="Upload activity files (.fit, .tcx, .gpx) or import workout files onto your calendar"
        >
          Upload files…
        </button>
      </div>
      <p class={`p-status${status ? ` p-${status.tone}` : ''}`} role="status" aria-live="polite">
        {status ? (
          <>
            {status.tone === 'busy' ? <span class="spinner" aria-hidden="true" /> : null} {status.text}
          </>
        ) : null}
      </p>
    </Section>
  );
}

interface WorkoutRowProps {
  workout: PlannedWorkoutView;
  format: WorkoutFormat;
  menuOpen: boolean;
  onMenu(open: boolean): void;
  onDownload(format: WorkoutFormat): void;
}

function WorkoutRow({ workout, format, menuOpen, onMenu, onDownload }: WorkoutRowProps) {
  const facts = [
    formatSport(workout.sport),
    workout.movingTimeSecs ? quantityText(formatDuration(workout.movingTimeSecs)) : null,
    workout.load !== null ? `load ${Math.round(workout.load)}` : null,
  ].filter(Boolean);
  const note = formatNote(workout.targets, format, workout.sport);
  const menuId = `plan-menu-${workout.id}`;
  return (
    <li class="p-workout" data-event-id={workout.id}>
      <p class="p-name">
        {workout.time ? <span class="p-time">{workout.time}</span> : null}
        <strong>{workout.name}</strong>
      </p>
      <p class="p-facts muted">{facts.join(' · ')}</p>
      {workout.descriptionLines.length > 0 ? (
        <p class="p-description muted">
          {workout.descriptionLines.map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </p>
      ) : null}
      {isDownloadable(workout) ? (
        <>
          <p class={`p-note p-keeps-${note.keeps}`}>
            <span aria-hidden="true">{note.keeps === 'all' ? '✓' : '⚠'}</span> {note.text}
          </p>
          <div class="p-row-actions">
            <button type="button" class="btn btn-small btn-primary" onClick={() => onDownload(format)}>
              Download .{format}
            </button>
            <button
              type="button"
              class="btn btn-small"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => onMenu(!menuOpen)}
            >
              Other formats…
            </button>
          </div>
          {menuOpen ? (
            <ul class="p-menu" id={menuId} aria-label={`Formats for ${workout.name}`}>
              {WORKOUT_FORMATS.map((f) => {
                const n = formatNote(workout.targets, f, workout.sport);
                return (
                  <li key={f}>
                    <button type="button" class="btn btn-small" onClick={() => onDownload(f)}>
                      .{f}
                    </button>
                    <span class={`p-note p-keeps-${n.keeps}`}>{n.text}</span>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : (
        <p class="p-note muted">No structured steps: nothing to download.</p>
      )}
    </li>
  );
}
