/**
 * The popup's VO2max card: the estimate from the best 5-minute power of a chosen window, everything that went into it
 * on one line, intervals.icu's own `vo2max_5m` beside it, the weight (and an override), the formula, the trend chart
 * (loaded on demand) and "Save to wellness". When the popup opened on an activity page it also says what that
 * activity gives, or why it gives nothing.
 *
 * The background sends the windows and the weights on offer; the formula and the override are applied here, so
 * switching them is instant and costs no request.
 */
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { ExternalIcon } from '~/components/common/icons';
import { Section } from '~/components/common/Section';
import { type Source, useCachedThenFresh } from '~/components/common/use-cached-then-fresh';
import { formatAbsoluteDate } from '~/components/format';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import { VO2MAX_FORMULAS, type Vo2maxFormulaId } from '~/lib/power/vo2max';
import { estimateFor, estimateWindow, roundVo2max, VO2MAX_WINDOWS, type Vo2maxResult } from '~/lib/power/vo2max-rules';
import type { ActivityVo2max, Vo2maxOverview, Vo2maxTrendData } from '~/lib/power/vo2max-views';
import { FORMULA_SHORT, formatVo2max, formatWatts, formatWattsPerKg, formulaTitle, weightText } from './format';
import { REASON_TEXT } from './reasons';
import { SaveToWellness } from './SaveToWellness';
import type { TrendChartProps } from './TrendChart';
import { useVo2maxSettings } from './useVo2maxSettings';
import { WeightOverride } from './WeightOverride';
import './vo2max.css';

export interface Vo2maxCardProps {
  /** The activity open in the current tab, if any. */
  activityId?: string | null;
  now?: Date;
}

const activityUrl = (id: string) => `https://intervals.icu/activities/${encodeURIComponent(id)}`;

const askVo2max = (request: Source) => sendMessage('getVo2max', request);

export function Vo2maxCard({ activityId = null, now = new Date() }: Vo2maxCardProps) {
  const settings = useVo2maxSettings();
  const { value: overview, loading, error, reload: load } = useCachedThenFresh<Vo2maxOverview>(askVo2max);

  const selected = overview?.windows.find((w) => w.id === settings.window) ?? null;
  const result: Vo2maxResult | null = selected
    ? estimateWindow(selected, {
        formula: settings.formula,
        override: settings.override,
        athleteWeight: overview?.athleteWeight,
      })
    : null;
  const effortDate = selected?.effort?.date ?? null;
  const { trend, toggle: toggleTrend } = useTrend();

  return (
    <Section
      id="vo2max"
      title="VO2max"
      class="vo2"
      aside={
        <button
          type="button"
          class="btn btn-small"
          aria-expanded={trend.state !== 'closed'}
          aria-controls="vo2max-trend"
          onClick={() => void toggleTrend()}
        >
          Trend
        </button>
      }
    >
      <fieldset class="segmented" aria-describedby="vo2max-window-help">
        <legend class="visually-hidden">Window</legend>
        {VO2MAX_WINDOWS.map((w) => (
          <label key={w.id} title={w.label}>
            <input
              type="radio"
              name="vo2max-window"
              value={w.id}
              checked={settings.window === w.id}
              onChange={() => settings.setWindow(w.id)}
            />
            <span>{w.short}</span>
          </label>
        ))}
      </fieldset>
      <p id="vo2max-window-help" class="visually-hidden">
        Best 5-minute power in the {VO2MAX_WINDOWS.find((w) => w.id === settings.window)?.label.toLowerCase()}.
      </p>
      {settings.window === 's0' && selected?.since ? (
        <p class="muted vo2-since" id="vo2max-season-since">
          This season: since {formatAbsoluteDate(selected.since)}
        </p>
      ) : null}

      {error && !overview ? (
        <ErrorNotice info={error} compact>
          <button type="button" class="btn btn-small" onClick={() => void load()} disabled={loading}>
            {loading ? 'Retrying…' : 'Retry'}
          </button>
        </ErrorNotice>
      ) : !overview || !settings.loaded || !selected || !result ? (
        <p class="muted placeholder">Loading your power curves…</p>
      ) : (
        <div class="vo2-body" aria-live="polite">
          {result.ok ? (
            <>
              <div class="vo2-figures">
                <p class="vo2-figure">
                  VO2max ≈ <strong class="num">{formatVo2max(result.vo2max)}</strong>{' '}
                  <span class="unit">ml/kg/min</span>
                </p>
                {selected.icuVo2max5m !== null ? (
                  <p class="vo2-icu" title="intervals.icu’s own estimate (vo2max_5m) for this window">
                    intervals.icu’s own: <span class="num">{formatVo2max(selected.icuVo2max5m)}</span> ml/kg/min
                  </p>
                ) : null}
              </div>
              <p class="vo2-inputs">
                5-min <b class="num">{formatWatts(result.watts)}</b> ·{' '}
                <b class="num">{formatWattsPerKg(result.wattsPerKg)}</b> · {weightText(result.weight)} ·{' '}
                <span title={formulaTitle(result.formula)}>{FORMULA_SHORT[result.formula]}</span>
                {effortDate ? <> · {formatAbsoluteDate(effortDate, now)}</> : null}
                {selected.effort?.activityId ? (
                  <>
                    {' · '}
                    <a href={activityUrl(selected.effort.activityId)} target="_blank" rel="noopener noreferrer">
                      {selected.effort.activityName || 'the activity'}
                      <ExternalIcon />
                      <span class="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  </>
                ) : null}
              </p>
            </>
          ) : (
            <p class={result.reason === 'no-weight' ? 'vo2-reason vo2-reason-action' : 'vo2-reason muted'}>
              {REASON_TEXT[result.reason]}
            </p>
          )}
          {selected.effort && !selected.excluded ? (
            <WeightOverride
              weight={result.ok ? result.weight : null}
              summary={result.ok ? weightText(result.weight, { date: effortDate, now }) : null}
              override={settings.override}
              onChange={settings.setOverride}
            />
          ) : null}
          <FormulaSwitch formula={settings.formula} onChange={settings.setFormula} />
          {result.ok ? <SaveToWellness vo2max={roundVo2max(result.vo2max)} today={overview.today} now={now} /> : null}
        </div>
      )}
      <TrendPanel trend={trend} formula={settings.formula} override={settings.override} />
      {activityId ? (
        <ThisActivity activityId={activityId} formula={settings.formula} override={settings.override} />
      ) : null}
    </Section>
  );
}

function FormulaSwitch({ formula, onChange }: { formula: Vo2maxFormulaId; onChange(f: Vo2maxFormulaId): void }) {
  return (
    <fieldset class="segmented vo2-formula">
      <legend>Formula</legend>
      {(Object.keys(VO2MAX_FORMULAS) as Vo2maxFormulaId[]).map((id) => (
        <label key={id} title={formulaTitle(id)}>
          <input type="radio" name="vo2max-formula" value={id} checked={formula === id} onChange={() => onChange(id)} />
          <span>{FORMULA_SHORT[id]}</span>
        </label>
      ))}
    </fieldset>
  );
}

// ---- trend -------------------------------------------------------------------------------------------------------

type TrendState =
  | { state: 'closed' }
  | { state: 'loading' }
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'open'; Chart: ComponentType<TrendChartProps>; data: Vo2maxTrendData };

/** The trend's state: closed, or opened (chart module and data loaded together, on the first open). */
function useTrend() {
  const [trend, setTrend] = useState<TrendState>({ state: 'closed' });
  const toggle = useCallback(async () => {
    if (trend.state !== 'closed') {
      setTrend({ state: 'closed' });
      return;
    }
    setTrend({ state: 'loading' });
    try {
      // uPlot and the chart load only now, in their own chunk.
      const [module, data] = await Promise.all([import('./TrendChart'), sendMessage('getVo2maxTrend', undefined)]);
      setTrend({ state: 'open', Chart: module.TrendChart, data });
    } catch (e) {
      setTrend({ state: 'failed', error: errorInfoOf(e) });
    }
  }, [trend.state]);
  return { trend, toggle };
}

function TrendPanel({
  trend,
  formula,
  override,
}: {
  trend: TrendState;
  formula: Vo2maxFormulaId;
  override: number | null;
}) {
  if (trend.state === 'closed') return null;
  return (
    <section id="vo2max-trend" class="vo2-trend-panel" aria-label="VO2max trend, 12 months">
      {trend.state === 'loading' ? (
        <p class="muted" role="status">
          Loading the trend…
        </p>
      ) : trend.state === 'failed' ? (
        <ErrorNotice info={trend.error} compact />
      ) : (
        <trend.Chart data={trend.data} formula={formula} override={override} />
      )}
    </section>
  );
}

// ---- the activity in the current tab -----------------------------------------------------------------------------

function ThisActivity({
  activityId,
  formula,
  override,
}: {
  activityId: string;
  formula: Vo2maxFormulaId;
  override: number | null;
}) {
  const [answer, setAnswer] = useState<ActivityVo2max | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let alive = true;
    setAnswer(null);
    sendMessage('getActivityVo2max', { activityId })
      .then((a) => alive && setAnswer(a))
      .catch((e) => alive && setError(errorInfoOf(e)));
    return () => {
      alive = false;
    };
  }, [activityId]);

  if (error) return <p class="muted vo2-activity">This activity: could not be read now.</p>;
  if (!answer) return null;
  // The answer carries the weights on offer: apply the card's current formula and override.
  const result =
    answer.result.ok || answer.result.reason === 'no-weight'
      ? estimateFor(answer.watts, { override, ...answer.weights }, formula)
      : answer.result;
  return (
    <p class="vo2-activity" data-testid="vo2max-this-activity">
      <span class="vo2-activity-label">This activity:</span>{' '}
      {result.ok ? (
        <>
          5-min <span class="num">{formatWatts(result.watts)}</span> ·{' '}
          <span class="num">{formatWattsPerKg(result.wattsPerKg)}</span> · VO2max ≈{' '}
          <strong class="num">{formatVo2max(result.vo2max)}</strong>
        </>
      ) : (
        <span class="muted">{REASON_TEXT[result.reason]}</span>
      )}
    </p>
  );
}
