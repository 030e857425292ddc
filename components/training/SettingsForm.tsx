/**
 * Editing one sport's settings: each value in the athlete's terms (W, kJ, bpm, pace as m:ss in the sport's unit),
 * checked by lib/training before anything is sent, and only the changed fields go out. Enter saves, Escape cancels.
 */
import { useRef, useState } from 'preact/hooks';
import { paceUnitLabel } from '~/lib/training/pace';
import {
  type SportSettingsView,
  TRAINING_KEYS,
  TRAINING_LABELS,
  type TrainingForm,
  type TrainingKey,
  type TrainingPatch,
  toTrainingForm,
  validateTrainingForm,
} from '~/lib/training/settings';

export interface SettingsFormProps {
  sport: SportSettingsView;
  onSave(patch: TrainingPatch, recalcHrZones: boolean): Promise<void>;
  onCancel(): void;
}

export function SettingsForm({ sport, onSave, onCancel }: SettingsFormProps) {
  const [form, setForm] = useState<TrainingForm>(() => toTrainingForm(sport));
  const [errors, setErrors] = useState<Partial<Record<TrainingKey, string>>>({});
  const [recalc, setRecalc] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const hasPace = paceUnitLabel(sport.pace_units) !== '';

  const unitOf = (key: TrainingKey): string =>
    ({
      ftp: 'W',
      indoor_ftp: 'W',
      w_prime: 'kJ',
      lthr: 'bpm',
      max_hr: 'bpm',
      threshold_pace: paceUnitLabel(sport.pace_units),
    })[key];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const result = validateTrainingForm(form, sport);
    setErrors(result.errors);
    if (!result.ok) {
      setNote('Check the marked fields: nothing was sent.');
      formRef.current?.querySelector<HTMLInputElement>(`#t-${Object.keys(result.errors)[0]}`)?.focus();
      return;
    }
    if (Object.keys(result.patch).length === 0) {
      setNote('Nothing changed.');
      return;
    }
    setNote('');
    setBusy(true);
    try {
      await onSave(result.patch, recalc);
    } finally {
      setBusy(false);
    }
  };

  const keys = TRAINING_KEYS.filter((key) => key !== 'threshold_pace' || hasPace);
  return (
    <form
      class="t-form"
      ref={formRef}
      aria-label={`Edit ${sport.types[0] ?? ''} settings`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div class="t-fields">
        {keys.map((key) => (
          <label class="t-field" key={key}>
            <span class="t-label">{TRAINING_LABELS[key]}</span>
            <span class="t-with-unit">
              <input
                id={`t-${key}`}
                class="t-input"
                inputMode={key === 'threshold_pace' ? 'text' : key === 'w_prime' ? 'decimal' : 'numeric'}
                placeholder={key === 'threshold_pace' ? 'm:ss' : undefined}
                autoComplete="off"
                value={form[key] ?? ''}
                aria-invalid={errors[key] ? true : undefined}
                aria-describedby={errors[key] ? `t-${key}-error` : undefined}
                onInput={(e) => {
                  setForm((f) => ({ ...f, [key]: (e.target as HTMLInputElement).value }));
                  if (errors[key]) setErrors((all) => ({ ...all, [key]: undefined }));
                }}
              />
              <span class="t-unit">{unitOf(key)}</span>
            </span>
            {errors[key] ? (
              <span class="t-error" id={`t-${key}-error`}>
                {errors[key]}
              </span>
            ) : null}
          </label>
        ))}
      </div>
      <label class="t-check">
        <input type="checkbox" checked={recalc} onChange={(e) => setRecalc((e.target as HTMLInputElement).checked)} />
        <span>
          Recalculate HR zones <span class="muted">— moves your heart rate zones with a new LTHR or max HR.</span>
        </span>
      </label>
      <div class="t-actions">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
          Save
        </button>
        <button type="button" class="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
        <span class="t-note" role="status">
          {note}
        </span>
      </div>
    </form>
  );
}
