/** The popup's VO2max section: the card (and lib/power with it) loads in its own chunk (common/lazy.tsx). */
import { lazySection } from '~/components/common/lazy';
import type { Vo2maxCardProps } from './Vo2maxCard';

export const Vo2maxSection = lazySection<Vo2maxCardProps>({
  id: 'vo2max',
  title: 'VO2max',
  load: () => import('./Vo2maxCard').then((module) => module.Vo2maxCard),
  loading: 'Loading your power curves…',
  failed: 'The VO2max card could not be loaded: close and reopen the popup.',
});
