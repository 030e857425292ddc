/**
 * The popup's "Wellness" section: closed, one button; open, the whole quick wellness panel, loaded on demand (its
 * code is not part of the popup's first load). The popup opens it from the Today card, from the quick-wellness
 * shortcut (an intent in storage.session) or from `popup.html#wellness`.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Section } from '~/components/common/Section';
import type { WellnessPanelProps } from './WellnessPanel';
import './wellness.css';

export interface WellnessSectionProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function WellnessSection({ open, onOpenChange }: WellnessSectionProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [Panel, setPanel] = useState<ComponentType<WellnessPanelProps> | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!open) return;
    ref.current?.scrollIntoView?.({ block: 'start' });
    if (!Panel) {
      import('./WellnessPanel').then((module) => setPanel(() => module.WellnessPanel)).catch(() => setFailed(true));
    }
  }, [open]);

  return (
    <div ref={ref}>
      <Section
        id="wellness"
        title="Wellness"
        aside={
          open ? (
            <button type="button" class="btn btn-small" onClick={() => onOpenChange(false)}>
              Close
            </button>
          ) : null
        }
      >
        {!open ? (
          <button type="button" class="btn btn-small" onClick={() => onOpenChange(true)}>
            Edit wellness · lock days
          </button>
        ) : Panel ? (
          <Panel autoFocus />
        ) : (
          <p class="muted" role="status">
            {failed ? 'The wellness form could not be loaded. Reopen the popup.' : 'Loading…'}
          </p>
        )}
      </Section>
    </div>
  );
}
