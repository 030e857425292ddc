/**
 * The VO2max settings the card shows and changes: formula, weight override and window, each one storage item of
 * lib/settings.ts. Changes are written at once and followed when another page (the options page) changes them.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { DEFAULT_VO2MAX_FORMULA, VO2MAX_FORMULAS, type Vo2maxFormulaId } from '~/lib/power/vo2max';
import { DEFAULT_VO2MAX_WINDOW, isVo2maxWindowId, type Vo2maxWindowId } from '~/lib/power/vo2max-rules';
import {
  readVo2maxFormula,
  readVo2maxWeightOverride,
  vo2maxFormula,
  vo2maxWeightOverride,
  vo2maxWindow,
} from '~/lib/settings';

export interface Vo2maxSettings {
  /** False until the stored values are read. */
  loaded: boolean;
  formula: Vo2maxFormulaId;
  override: number | null;
  window: Vo2maxWindowId;
  setFormula(formula: Vo2maxFormulaId): void;
  setOverride(kg: number | null): void;
  setWindow(window: Vo2maxWindowId): void;
}

const asFormula = (value: unknown): Vo2maxFormulaId =>
  typeof value === 'string' && Object.hasOwn(VO2MAX_FORMULAS, value)
    ? (value as Vo2maxFormulaId)
    : DEFAULT_VO2MAX_FORMULA;

export function useVo2maxSettings(): Vo2maxSettings {
  const [loaded, setLoaded] = useState(false);
  const [formula, setFormulaState] = useState<Vo2maxFormulaId>(DEFAULT_VO2MAX_FORMULA);
  const [override, setOverrideState] = useState<number | null>(null);
  const [window, setWindowState] = useState<Vo2maxWindowId>(DEFAULT_VO2MAX_WINDOW);

  useEffect(() => {
    let alive = true;
    void Promise.all([readVo2maxFormula(), readVo2maxWeightOverride(), vo2maxWindow.getValue()]).then(([f, o, w]) => {
      if (!alive) return;
      setFormulaState(f);
      setOverrideState(o);
      setWindowState(isVo2maxWindowId(w) ? w : DEFAULT_VO2MAX_WINDOW);
      setLoaded(true);
    });
    const unwatch = [
      vo2maxFormula.watch((value) => setFormulaState(asFormula(value))),
      vo2maxWeightOverride.watch(() => void readVo2maxWeightOverride().then(setOverrideState)),
      vo2maxWindow.watch((value) => isVo2maxWindowId(value) && setWindowState(value)),
    ];
    return () => {
      alive = false;
      for (const stop of unwatch) stop();
    };
  }, []);

  const setFormula = useCallback((value: Vo2maxFormulaId) => {
    setFormulaState(value);
    void vo2maxFormula.setValue(value);
  }, []);
  const setOverride = useCallback((kg: number | null) => {
    setOverrideState(kg);
    void (kg === null ? vo2maxWeightOverride.removeValue() : vo2maxWeightOverride.setValue(kg));
  }, []);
  const setWindow = useCallback((value: Vo2maxWindowId) => {
    setWindowState(value);
    void vo2maxWindow.setValue(value);
  }, []);

  return { loaded, formula, override, window, setFormula, setOverride, setWindow };
}
