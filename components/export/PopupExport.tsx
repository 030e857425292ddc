/**
 * The popup's Export section: the activity in the current tab, else the latest one; nothing before either is known.
 * Below the fold, so its code (the section, the options and lib/export's CSV builders) is not part of the popup's
 * first load: it comes in its own chunk, requested as soon as there is an activity to export.
 */
import { lazyComponent } from '~/components/common/lazy';
import { Section } from '~/components/common/Section';
import type { ActivitySummary } from '~/lib/messages';
import type { ExportSectionProps } from './ExportSection';

const LazyExportSection = lazyComponent<ExportSectionProps>(
  () => import('./ExportSection').then((module) => module.ExportSection),
  ({ failed }) => (
    <Section id="export" title="Export">
      <p class="muted placeholder">
        {failed ? 'The export could not be loaded: close and reopen the popup.' : 'Loading…'}
      </p>
    </Section>
  ),
);

export function PopupExport({
  tabActivity,
  latest,
}: {
  tabActivity: ActivitySummary | null;
  latest: ActivitySummary | null;
}) {
  const activity = tabActivity ?? latest;
  return activity ? <LazyExportSection activity={activity} inTab={activity === tabActivity} /> : null;
}
