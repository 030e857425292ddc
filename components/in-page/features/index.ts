/**
 * Every in-page feature, in toolbar order. One file per feature in this folder, same shape (see ../feature.ts);
 * the README's "In-page features" list is kept in step with this array by tests/in-page/readme-features.test.ts.
 */
import type { InPageFeature } from '../feature';
import { downloadWeek } from './download-week';
import { exportLaps } from './export-laps';
import { exportStreams } from './export-streams';
import { quickWellness } from './quick-wellness';
import { vo2maxBadge } from './vo2max-badge';
import { workoutDownload } from './workout-download';

export const FEATURES: readonly InPageFeature[] = [
  vo2maxBadge,
  exportLaps,
  exportStreams,
  workoutDownload,
  downloadWeek,
  quickWellness,
];
