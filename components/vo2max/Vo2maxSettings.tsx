/**
 * The options page's "VO2max" settings: the formula (with its equation and source) and the weight override, the same
 * storage items the popup card changes.
 */
import { VO2MAX_FORMULAS, type Vo2maxFormulaId } from '~/lib/power/vo2max';
import { formatKg } from './format';
import { useVo2maxSettings } from './useVo2maxSettings';
import './vo2max.css';

export function Vo2maxSettings() {
  const settings = useVo2maxSettings();
  return (
    <div class="vo2-settings">
      <h2 id="vo2max-settings-heading">VO2max</h2>
      <div class="vo2-settings-formulas" role="radiogroup" aria-labelledby="vo2max-formula-label">
        <p id="vo2max-formula-label" class="vo2-settings-label">
          VO2max formula
        </p>
        {(Object.keys(VO2MAX_FORMULAS) as Vo2maxFormulaId[]).map((id) => {
          const f = VO2MAX_FORMULAS[id];
          return (
            <label key={id} class="vo2-settings-formula">
              <input
                type="radio"
                name="vo2max-formula-setting"
                value={id}
                checked={settings.formula === id}
                onChange={() => settings.setFormula(id)}
              />
              <span>
                <strong>
                  {f.name}
                  {id === 'sitko' ? ' (default)' : ''}
                </strong>
                <span class="vo2-settings-equation">{f.equation}</span>
                <span class="muted vo2-settings-citation">
                  {f.citation}
                  {f.url ? (
                    <>
                      {' '}
                      <a href={f.url} target="_blank" rel="noopener noreferrer">
                        {f.url.replace(/^https:\/\//, '')}
                      </a>
                    </>
                  ) : null}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <p class="muted vo2-hint">
        Cycling power only: runs, e-bike rides and handcycling get no estimate. Weight: the wellness weight on the day
        of the effort, else intervals.icu’s curve or activity weight, else your athlete profile.
        {settings.override !== null ? (
          <>
            {' '}
            You entered {formatKg(settings.override)}, which is used instead.{' '}
            <button type="button" class="btn btn-small" onClick={() => settings.setOverride(null)}>
              Use recorded weight
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
