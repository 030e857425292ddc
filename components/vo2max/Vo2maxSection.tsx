/**
 * The popup's VO2max section, split from the popup's first load: the card (and lib/power with it) comes in its own
 * chunk, requested as soon as the popup renders. Until it is in, the section shows its heading and a placeholder.
 */
import { lazyComponent } from '~/components/common/lazy';
import { Section } from '~/components/common/Section';
import type { Vo2maxCardProps } from './Vo2maxCard';

export const Vo2maxSection = lazyComponent<Vo2maxCardProps>(
  () => import('./Vo2maxCard').then((module) => module.Vo2maxCard),
  ({ failed }) => (
    <Section id="vo2max" title="VO2max">
      <p class="muted placeholder">
        {failed ? 'The VO2max card could not be loaded: close and reopen the popup.' : 'Loading your power curves…'}
      </p>
    </Section>
  ),
);
