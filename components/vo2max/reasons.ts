/** The card's and the popup's sentence for each reason the estimate is not offered. */
import type { NotOfferedReason } from '~/lib/power/vo2max-rules';

export const REASON_TEXT: Readonly<Record<NotOfferedReason, string>> = {
  running:
    'Not offered for runs: running power is measured and modelled differently, and both formulas are for cycling.',
  ebike: 'Not offered for e-bike rides: the recorded power may include the motor’s.',
  handcycle: 'Not offered for handcycling: both formulas were fitted to leg cycling.',
  'not-cycling': 'Not offered: the estimate needs cycling power, and this is not a ride.',
  strava: 'Not available: activities imported from Strava cannot be read through the intervals.icu API.',
  'no-power': 'Not offered: this ride has no power data.',
  'too-short': 'Not offered: this ride has less than 5 minutes of power data.',
  'no-effort': 'No ride with at least 5 minutes of power in this window.',
  'no-weight': 'Enter your weight to get an estimate: none is recorded in wellness, the power curve or your profile.',
};
