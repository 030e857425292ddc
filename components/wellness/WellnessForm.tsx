/**
 * The quick wellness form: one day (today, yesterday or any date up to tomorrow) with every field of the catalogue,
 * its current values filled in. Enter (or Ctrl+Enter in the comments) saves; only changed fields are sent, and
 * nothing at all when a field is invalid. The lock button writes at once and reports what the server holds after.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LockIcon } from '~/components/common/icons';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf, errorTitle } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import {
  addDays,
  applyPatch,
  type EditableKey,
  type FormErrorKey,
  isEmptyPatch,
  type ScaleField,
  toFormValues,
  unconfirmedFields,
  validateWellnessForm,
  WELLNESS_FIELDS,
  type WellnessFormValues,
  type WellnessLike,
  type WellnessPatch,
} from '~/lib/wellness';
import type { PendingWellness, SaveWellnessResult, WellnessDayView } from '~/lib/wellness/views';
import { dayText, fieldLabels } from './format';

export interface WellnessFormProps {
  /** Bumped by the panel when something else wrote (undo, discard, bulk): reload unless the user is editing. */
  version: number;
  /** The outbox as last polled by the panel. */
  pending: readonly PendingWellness[];
  /** Something was written (or queued). */
  onWrite(): void;
  /** Today in the athlete's time zone, once known. */
  onToday?(today: string): void;
  autoFocus?: boolean;
  /** A coached athlete's id when the form is for them, not the one chosen in the switcher (an in-page panel). */
  athleteId?: string;
}

type Tone = 'ok' | 'warn' | 'bad' | 'busy';
interface Status {
  tone: Tone;
  text: string;
}

type Form = Record<string, unknown>;

const NUMBER_FIELDS = WELLNESS_FIELDS.filter((f) => f.kind === 'number');
const SCALE_FIELDS = WELLNESS_FIELDS.filter((f): f is ScaleField => f.kind === 'scale');
const FIRST_INPUT = 'w-weight';

const savedStatus = (unconfirmed: readonly string[]): Status =>
  unconfirmed.length === 0
    ? { tone: 'ok', text: 'Saved to intervals.icu ✓' }
    : { tone: 'warn', text: `Saved, but intervals.icu shows other values for: ${fieldLabels(unconfirmed)}` };

const pendingStatus = (error: ErrorInfo | null | undefined): Status => ({
  tone: 'warn',
  text: `Pending — will retry${error ? ` (${errorTitle(error)})` : ''}`,
});

export function WellnessForm({ version, pending, onWrite, onToday, autoFocus = false, athleteId }: WellnessFormProps) {
  const forAthlete = athleteId ? { athleteId } : {};
  const [date, setDate] = useState<string | undefined>(undefined);
  const [view, setView] = useState<WellnessDayView | null>(null);
  const [form, setForm] = useState<Form>({});
  const [errors, setErrors] = useState<Partial<Record<FormErrorKey, string>>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  /** A save answered "pending": watch the outbox and say when it lands. */
  const [awaiting, setAwaiting] = useState<{ date: string; patch: WellnessPatch } | null>(null);
  const dirty = useRef(false);
  const loads = useRef(0);
  const focused = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const base: WellnessLike = view ? applyPatch(view.day ?? {}, view.pending?.patch ?? {}) : {};
  const unit = view?.weightUnit ?? 'kg';
  const pendingKeys = new Set(Object.keys(view?.pending?.patch ?? {}));

  const show = (next: WellnessDayView) => {
    setView(next);
    setDate(next.date);
    onToday?.(next.today);
    if (!dirty.current) setForm(toFormValues(applyPatch(next.day ?? {}, next.pending?.patch ?? {}), next.weightUnit));
  };

  const load = async (day: string | undefined, network = true) => {
    const seq = ++loads.current;
    try {
      const cached = await sendMessage('getWellnessDay', { date: day, source: 'cache', ...forAthlete });
      if (seq !== loads.current) return;
      show(cached);
      day = cached.date;
    } catch {
      // the network answer follows
    }
    if (!network) return;
    try {
      const fresh = await sendMessage('getWellnessDay', { date: day, source: 'network', ...forAthlete });
      if (seq !== loads.current) return;
      show(fresh);
      setLoadError(null);
    } catch (error) {
      if (seq === loads.current) setLoadError(errorInfoOf(error));
    }
  };

  // First load (today), then whenever another part of the panel wrote.
  useEffect(() => {
    void load(date, version === 0);
  }, [version]);

  useEffect(() => {
    if (autoFocus && view && !focused.current) {
      focused.current = true;
      formRef.current?.querySelector<HTMLInputElement>(`#${FIRST_INPUT}`)?.focus();
    }
  }, [view, autoFocus]);

  // A pending save of this form left the outbox: it reached intervals.icu (the background read it back).
  useEffect(() => {
    if (!awaiting) return;
    const entry = pending.find((p) => p.date === awaiting.date);
    if (entry) {
      if (awaiting.date === date) setStatus(pendingStatus(entry.lastError));
      return;
    }
    const { patch } = awaiting;
    setAwaiting(null);
    void (async () => {
      const next = await sendMessage('getWellnessDay', { date: awaiting.date, source: 'cache', ...forAthlete });
      if (next.date !== date) return;
      show(next);
      setStatus(savedStatus(unconfirmedFields(patch, next.day ?? {})));
    })().catch(() => {});
  }, [pending]);

  const pickDate = (next: string) => {
    if (!next || next === date) return;
    dirty.current = false;
    setErrors({});
    setStatus(null);
    setAwaiting(null);
    setDate(next);
    setView(null);
    void load(next);
  };

  const set = (key: EditableKey, value: unknown) => {
    dirty.current = true;
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  /** After a write: a saved answer carries the day as read back, so only a pending one asks the background again. */
  const afterWrite = async (day: string, answer?: SaveWellnessResult) => {
    dirty.current = false;
    onWrite();
    if (answer?.status === 'saved' && answer.day && view && view.date === day) {
      show({ ...view, day: answer.day, fetchedAt: Date.now(), pending: null });
      return;
    }
    try {
      show(await sendMessage('getWellnessDay', { date: day, source: 'cache', ...forAthlete }));
    } catch {
      // keep what is shown
    }
  };

  const save = async (event?: Event) => {
    event?.preventDefault();
    if (!view || !date || busy) return;
    const { locked: _lock, ...fields } = form;
    const result = validateWellnessForm(fields as WellnessFormValues, {
      today: view.today,
      date,
      weightUnit: unit,
      loaded: base,
    });
    setErrors(result.errors);
    if (!result.ok) {
      setStatus({ tone: 'bad', text: 'Check the marked fields: nothing was sent.' });
      const first = Object.keys(result.errors)[0];
      formRef.current?.querySelector<HTMLElement>(`#w-${first}, [name="w-${first}"]`)?.focus();
      return;
    }
    if (isEmptyPatch(result.patch)) {
      setStatus({ tone: 'ok', text: 'Nothing changed.' });
      return;
    }
    setBusy(true);
    setStatus({ tone: 'busy', text: 'Saving…' });
    try {
      const answer = await sendMessage('saveWellness', { date, patch: result.patch, ...forAthlete });
      if (answer.status === 'saved') setStatus(savedStatus(answer.unconfirmed));
      else {
        setStatus(pendingStatus(answer.error));
        setAwaiting({ date, patch: result.patch });
      }
      await afterWrite(date, answer);
    } catch (error) {
      setStatus(await failedWrite(error, date, 'Not saved'));
    } finally {
      setBusy(false);
    }
  };

  /**
   * The background answered with an error, or did not answer at all (its worker was stopped mid-request). The edit
   * may be in the outbox all the same (the background writes it there first): ask.
   */
  const failedWrite = async (error: unknown, day: string, what: string): Promise<Status> => {
    try {
      const queued = (await sendMessage('listPendingWellness', undefined)).find((p) => p.date === day);
      if (queued) {
        setAwaiting({ date: day, patch: queued.patch });
        return pendingStatus(queued.lastError);
      }
    } catch {
      // the background is still away
    }
    return { tone: 'bad', text: `${what}: ${errorTitle(errorInfoOf(error))}` };
  };

  const locked = (base as { locked?: boolean }).locked === true;
  const toggleLock = async () => {
    if (!date || busy) return;
    const want = !locked;
    setBusy(true);
    setStatus({ tone: 'busy', text: want ? 'Locking…' : 'Unlocking…' });
    try {
      const answer = await sendMessage('setWellnessLock', { date, locked: want, ...forAthlete });
      if (answer.status === 'pending') {
        setStatus({ ...pendingStatus(answer.error), text: `${want ? 'Lock' : 'Unlock'} pending — will retry` });
        setAwaiting({ date, patch: { locked: want } });
      } else if (answer.locked === want) {
        setStatus({
          tone: 'ok',
          text: want
            ? 'Locked on intervals.icu ✓ Device syncs will not overwrite this day.'
            : 'Unlocked on intervals.icu ✓',
        });
      } else {
        setStatus({
          tone: 'bad',
          text: want
            ? 'intervals.icu did not keep the lock. Try again.'
            : 'intervals.icu kept this day locked: it did not accept the unlock through its API. Unlock the day on intervals.icu itself.',
        });
      }
      await afterWrite(date, answer);
    } catch (error) {
      setStatus(await failedWrite(error, date, 'Not changed'));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (key: FormErrorKey) => errors[key];
  const describe = (key: string) => (errors[key as FormErrorKey] ? `w-${key}-error` : undefined);
  const message = (key: FormErrorKey) =>
    errors[key] ? (
      <span class="w-error" id={`w-${key}-error`}>
        {errors[key]}
      </span>
    ) : null;
  const mark = (key: EditableKey) =>
    pendingKeys.has(key) ? (
      <span class="w-pending-mark" title="Not on intervals.icu yet: will retry">
        pending
      </span>
    ) : null;

  const today = view?.today;
  const sleep = (form.sleepSecs ?? { hours: '', minutes: '' }) as { hours: string; minutes: string };

  return (
    <form class="w-form" ref={formRef} onSubmit={save} noValidate aria-label="Wellness">
      <div class="w-dates">
        {today ? (
          <>
            <button
              type="button"
              class="btn btn-small"
              aria-pressed={date === addDays(today, -1)}
              onClick={() => pickDate(addDays(today, -1))}
            >
              Yesterday
            </button>
            <button type="button" class="btn btn-small" aria-pressed={date === today} onClick={() => pickDate(today)}>
              Today
            </button>
          </>
        ) : null}
        <input
          type="date"
          aria-label="Day"
          value={date ?? ''}
          max={today ? addDays(today, 1) : undefined}
          onChange={(e) => pickDate((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="w-dayline">
        <span class="muted">{date && today ? (date === today ? 'Today' : dayText(date)) : ''}</span>
        <button
          type="button"
          class="btn btn-small w-lock"
          aria-pressed={locked}
          disabled={!view || busy}
          onClick={toggleLock}
          title={
            locked
              ? 'Locked: device syncs (Garmin, Oura, …) will not overwrite this day. Click to unlock.'
              : 'Lock this day so device syncs stop overwriting it'
          }
        >
          <LockIcon />
          {locked ? 'Locked' : 'Lock'}
        </button>
      </div>
      {loadError ? <p class="w-bad">Could not load this day: {errorTitle(loadError)}</p> : null}
      {message('date')}

      <div class="w-grid">
        {NUMBER_FIELDS.slice(0, 3).map((field) => numberInput(field.key))}
        <fieldset class="w-field w-sleep">
          <legend class="w-label">Sleep {mark('sleepSecs')}</legend>
          <span class="w-with-unit">
            <input
              class="w-input"
              name="w-sleepSecs"
              inputMode="numeric"
              aria-label="Sleep hours"
              aria-invalid={errorOf('sleepSecs') ? true : undefined}
              aria-describedby={describe('sleepSecs')}
              value={sleep.hours}
              onInput={(e) => set('sleepSecs', { ...sleep, hours: (e.target as HTMLInputElement).value })}
            />
            <span class="w-unit">h</span>
            <input
              class="w-input"
              inputMode="numeric"
              aria-label="Sleep minutes"
              aria-invalid={errorOf('sleepSecs') ? true : undefined}
              aria-describedby={describe('sleepSecs')}
              value={sleep.minutes}
              onInput={(e) => set('sleepSecs', { ...sleep, minutes: (e.target as HTMLInputElement).value })}
            />
            <span class="w-unit">min</span>
          </span>
          {message('sleepSecs')}
        </fieldset>
        {NUMBER_FIELDS.slice(3).map((field) => numberInput(field.key))}
      </div>

      <div class="w-scales">
        {SCALE_FIELDS.map((field) => (
          <fieldset class="w-scale" key={field.key}>
            <legend>
              {field.label} {mark(field.key)}
            </legend>
            <div class="w-seg">
              {['', '1', '2', '3', '4'].map((value) => (
                <label
                  class={`w-opt${value ? '' : ' w-none'}`}
                  key={value}
                  title={value ? `${value} · ${field.labels[Number(value) - 1]}` : 'No value'}
                >
                  <input
                    type="radio"
                    name={`w-${field.key}`}
                    value={value}
                    checked={String(form[field.key] ?? '') === value}
                    aria-label={
                      value ? `${field.label} ${value}: ${field.labels[Number(value) - 1]}` : `${field.label}: no value`
                    }
                    onChange={() => set(field.key, value)}
                  />
                  <span aria-hidden="true">{value ? field.labels[Number(value) - 1] : '–'}</span>
                </label>
              ))}
            </div>
            {message(field.key)}
          </fieldset>
        ))}
      </div>

      <label class="w-field">
        <span class="w-label">Comments {mark('comments')}</span>
        <textarea
          id="w-comments"
          rows={2}
          value={String(form.comments ?? '')}
          aria-invalid={errorOf('comments') ? true : undefined}
          aria-describedby={describe('comments')}
          onInput={(e) => set('comments', (e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
          }}
        />
        {message('comments')}
      </label>

      <div class="w-actions">
        <button type="submit" class="btn btn-primary" disabled={!view || busy}>
          Save
        </button>
        <p class={`w-status${status ? ` w-${status.tone}` : ''}`} role="status" aria-live="polite">
          {status?.tone === 'busy' ? <span class="spinner" aria-hidden="true" /> : null} {status?.text}
        </p>
      </div>
    </form>
  );

  function numberInput(key: EditableKey): JSX.Element {
    const field = WELLNESS_FIELDS.find((f) => f.key === key) as (typeof NUMBER_FIELDS)[number];
    const fieldUnit = key === 'weight' ? unit : field.unit;
    return (
      <label class="w-field" key={key}>
        <span class="w-label">
          <span>
            {field.label}
            {'hint' in field && field.hint ? <span class="w-hint"> ({field.hint})</span> : null}
          </span>
          {mark(key)}
        </span>
        <span class="w-with-unit">
          <input
            id={`w-${key}`}
            class="w-input"
            inputMode={field.step < 1 ? 'decimal' : 'numeric'}
            autoComplete="off"
            value={String(form[key] ?? '')}
            aria-invalid={errorOf(key) ? true : undefined}
            aria-describedby={describe(key)}
            onInput={(e) => set(key, (e.target as HTMLInputElement).value)}
          />
          {fieldUnit ? <span class="w-unit">{fieldUnit}</span> : null}
        </span>
        {message(key)}
      </label>
    );
  }
}
