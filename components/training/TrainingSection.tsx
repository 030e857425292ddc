/** The popup's Training section: the card (and lib/training with it) loads in its own chunk (common/lazy.tsx). */
import { lazySection } from '~/components/common/lazy';

export const TrainingSection = lazySection<Record<string, never>>({
  id: 'training',
  title: 'Training',
  load: () => import('./TrainingCard').then((module) => module.TrainingCard),
  loading: 'Loading your settings…',
  failed: 'The training settings could not be loaded: close and reopen the popup.',
});
