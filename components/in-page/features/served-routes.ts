/**
 * The page kinds at least one in-page feature serves: the union of `FEATURES[].routes` (./index.ts), written out so
 * the always-loaded content script can tell whether a page needs the features bundle without loading any feature
 * code. tests/in-page/served-routes.test.ts keeps it equal to the registry.
 */
import type { PageKind } from '../../../lib/routes';

export const SERVED_ROUTES: readonly PageKind[] = ['activity', 'workout', 'calendar', 'wellness', 'fitness'];
