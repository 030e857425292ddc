/**
 * "Weight": which weight the estimate uses and where it came from, and a field to enter one instead. Opens by itself
 * when no weight is recorded anywhere, since then it is the only way to an estimate.
 */
import { useState } from 'preact/hooks';
import { parseWeightInput, type ResolvedWeight } from '~/lib/power/vo2max-rules';
import { formatKg } from './format';

export interface WeightOverrideProps {
  /** The weight in use (null: none recorded and no override). */
  weight: ResolvedWeight | null;
  /** A short "70.2 kg (wellness, 10 Mar)" for the summary. */
  summary: string | null;
  override: number | null;
  onChange(kg: number | null): void;
}

export function WeightOverride({ weight, summary, override, onChange }: WeightOverrideProps) {
  const [text, setText] = useState(override !== null ? String(override) : '');
  const [error, setError] = useState<string | null>(null);
  const missing = weight === null;

  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseWeightInput(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setText(String(parsed.kg));
    onChange(parsed.kg);
  };

  return (
    <details class="vo2-more" open={missing || undefined}>
      <summary>Weight: {summary ?? <span class="vo2-missing">none recorded</span>}</summary>
      <form class="vo2-weight-form" onSubmit={submit} noValidate>
        <label for="vo2-weight">Your weight (kg)</label>
        <div class="vo2-row">
          <input
            id="vo2-weight"
            class="vo2-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            size={6}
            placeholder={weight ? String(weight.kg) : 'e.g. 70.5'}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'vo2-weight-error' : 'vo2-weight-help'}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="btn btn-small">
            Use
          </button>
          {override !== null ? (
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                setText('');
                setError(null);
                onChange(null);
              }}
            >
              Use recorded weight
            </button>
          ) : null}
        </div>
        {error ? (
          <p id="vo2-weight-error" class="vo2-error" role="alert">
            {error}
          </p>
        ) : (
          <p id="vo2-weight-help" class="muted vo2-hint">
            {override !== null
              ? `Using ${formatKg(override)} for every estimate until you clear it.`
              : 'Used instead of the recorded weight, for every estimate, until you clear it.'}
          </p>
        )}
      </form>
    </details>
  );
}
