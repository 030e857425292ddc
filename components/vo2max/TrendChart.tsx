/**
 * The weekly VO2max trend over the last 12 months, drawn with uPlot. Loaded only when the user opens it (dynamic
 * `import()` from Vo2maxCard), so neither uPlot nor this file counts toward the popup's first load.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatAbsoluteDate } from '~/components/format';
import type { Vo2maxFormulaId } from '~/lib/power/vo2max';
import { TREND_WINDOW_DAYS, type TrendPoint, weeklyTrend } from '~/lib/power/vo2max-rules';
import type { Vo2maxTrendData } from '~/lib/power/vo2max-views';
import { formatVo2max, formatWatts } from './format';

export interface TrendChartProps {
  data: Vo2maxTrendData;
  formula: Vo2maxFormulaId;
  override: number | null;
  now?: Date;
}

const utcSeconds = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / 1000;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function TrendChart({ data, formula, override, now = new Date() }: TrendChartProps) {
  const points = useMemo(
    () => weeklyTrend(data.efforts, data.today, { formula, override, athleteWeight: data.athleteWeight }),
    [data, formula, override],
  );
  const valued = points.filter((p): p is TrendPoint & { vo2max: number } => p.vo2max !== null);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el || valued.length === 0) return;
    const accent = cssVar('--accent', '#1565c0');
    const muted = cssVar('--text-muted', '#5a6472');
    const grid = cssVar('--border', '#d9dee5');
    const axis = {
      stroke: muted,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: '11px system-ui, sans-serif',
    };
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 150,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: {
          x: { time: true },
          y: { auto: true, range: (_u, min, max) => [Math.floor(min - 1), Math.ceil(max + 1)] },
        },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((t) => monthLabel(t)) },
          { ...axis, size: 34 },
        ],
        series: [
          {},
          {
            label: 'VO2max',
            stroke: accent,
            width: 2,
            spanGaps: false,
            points: { show: true, size: 4, fill: accent },
          },
        ],
      },
      [points.map((p) => utcSeconds(p.weekEnd)), points.map((p) => p.vo2max)],
      el,
    );
    return () => chart.destroy();
  }, [points, valued.length]);

  if (valued.length === 0) {
    return (
      <p class="muted vo2-trend-empty">
        No ride with 5 minutes of power {data.athleteWeight === null ? 'and a known weight ' : ''}in the last 12 months.
      </p>
    );
  }

  const latest = valued.at(-1) as TrendPoint & { vo2max: number };
  const high = valued.reduce((a, b) => (b.vo2max > a.vo2max ? b : a));
  const low = valued.reduce((a, b) => (b.vo2max < a.vo2max ? b : a));
  return (
    <div class="vo2-trend">
      <p class="vo2-trend-summary">
        Latest <span class="num">{formatVo2max(latest.vo2max)}</span> · high{' '}
        <span class="num">{formatVo2max(high.vo2max)}</span> ({formatAbsoluteDate(high.weekEnd, now)}) · low{' '}
        <span class="num">{formatVo2max(low.vo2max)}</span> ml/kg/min
      </p>
      <div
        ref={host}
        class="vo2-chart"
        role="img"
        aria-label={`VO2max by week over 12 months, from ${formatVo2max(valued[0]?.vo2max ?? 0)} to ${formatVo2max(latest.vo2max)} ml/kg/min`}
      />
      <p class="muted vo2-hint">
        Each week: the best 5 minutes of the {TREND_WINDOW_DAYS} days ending that week.
        {data.excluded > 0
          ? ` ${data.excluded} e-bike or handcycle ride${data.excluded === 1 ? '' : 's'} left out.`
          : ''}
      </p>
      <details class="vo2-more">
        <summary>Weekly values</summary>
        <table class="vo2-table">
          <thead>
            <tr>
              <th scope="col">Week ending</th>
              <th scope="col">5-min</th>
              <th scope="col">VO2max</th>
            </tr>
          </thead>
          <tbody>
            {[...valued].reverse().map((p) => (
              <tr key={p.weekEnd}>
                <td>{formatAbsoluteDate(p.weekEnd, now)}</td>
                <td class="num">{p.effort ? formatWatts(p.effort.watts) : '–'}</td>
                <td class="num">{formatVo2max(p.vo2max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

const MONTHS = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
function monthLabel(seconds: number): string {
  return MONTHS.format(new Date(seconds * 1000));
}
