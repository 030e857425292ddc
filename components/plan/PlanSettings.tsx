/**
 * The options page's "Planned workouts" settings: the format one click downloads (the same storage item as the
 * popup's "Download as"), with what each format is for and what it keeps.
 */
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_WORKOUT_FORMAT, FORMAT_LABELS, WORKOUT_FORMATS, type WorkoutFormat } from '~/lib/plan/formats';
import { readWorkoutFormat, workoutFormat } from '~/lib/settings';
import './plan.css';

const KEEPS: Record<WorkoutFormat, string> = {
  zwo: 'power, ramps and cadence; a run’s pace. No heart-rate targets.',
  fit: 'power, heart rate, pace and cadence. Ramps become ranges.',
  erg: 'power in watts and ramps only.',
  mrc: 'power as % of FTP and ramps only.',
};

export function PlanSettings() {
  const [format, setFormat] = useState<WorkoutFormat>(DEFAULT_WORKOUT_FORMAT);
  useEffect(() => {
    void readWorkoutFormat().then(setFormat);
    return workoutFormat.watch(() => void readWorkoutFormat().then(setFormat));
  }, []);
  return (
    <div class="ps-settings">
      <h2 id="plan-settings-heading">Planned workouts</h2>
      <fieldset class="ps-formats">
        <legend class="ps-label">Download in this format</legend>
        {WORKOUT_FORMATS.map((f) => (
          <label key={f} class="ps-format">
            <input
              type="radio"
              name="workout-format-setting"
              value={f}
              checked={format === f}
              onChange={() => {
                setFormat(f);
                void workoutFormat.setValue(f);
              }}
            />
            <span>
              <strong>
                {FORMAT_LABELS[f]}
                {f === DEFAULT_WORKOUT_FORMAT ? ' (default)' : ''}
              </strong>
              <span class="muted ps-keeps">Keeps {KEEPS[f]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p class="muted ps-hint">
        The popup’s Plan section, the in-page “Download” buttons and the “Download today’s workout” shortcut use it.
        Each workout also says what its format keeps of it before you download.
      </p>
    </div>
  );
}
