/** A labelled number with its unit set smaller: used inside a `<dl class="stats">`. */
import type { Quantity } from '~/components/format';
import './blocks.css';

export interface StatProps {
  label: string;
  value: Quantity | string;
  /** Longer description for the tooltip, e.g. "Heart rate variability (rMSSD)". */
  title?: string;
}

export function Stat({ label, value, title }: StatProps) {
  const q = typeof value === 'string' ? { value, unit: '' } : value;
  return (
    <div class="stat" title={title}>
      <dt class="stat-label">{label}</dt>
      <dd class="stat-value">
        <span class="num">{q.value}</span>
        {q.unit ? (
          <>
            {'\u00a0'}
            <span class="unit">{q.unit}</span>
          </>
        ) : null}
      </dd>
    </div>
  );
}
