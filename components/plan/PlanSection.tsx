/** The popup's Plan section: the card (with the zip writer) loads in its own chunk (common/lazy.tsx). */
import { lazySection } from '~/components/common/lazy';
import type { PlanCardProps } from './PlanCard';

export const PlanSection = lazySection<PlanCardProps>({
  id: 'plan',
  title: 'Plan',
  load: () => import('./PlanCard').then((module) => module.PlanCard),
  loading: 'Loading your planned workouts…',
  failed: 'The plan could not be loaded: close and reopen the popup.',
});
