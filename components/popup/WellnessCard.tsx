/** "Today": the day's wellness at a glance, as far as it is recorded. */
import { LockIcon } from '~/components/common/icons';
import { Section } from '~/components/common/Section';
import { Stat } from '~/components/common/Stat';
import { formatAbsoluteDate, formatHeartRate, formatHrv, formatSleep, formatWeight, isoDay } from '~/components/format';
import { todayIn } from '~/lib/dates';
import type { WellnessGlance } from '~/lib/messages';

export interface WellnessCardProps {
  wellness: WellnessGlance | null;
  /** "Now", to tell whether the values are today's; defaults to the current time. */
  now?: Date;
  /** Opens the wellness editor (components/wellness). */
  onEdit?: () => void;
  /** The athlete's time zone, which decides their today (a coached athlete's may not be the browser's). */
  timezone?: string | null;
}

export function WellnessCard({ wellness, now = new Date(), onEdit, timezone }: WellnessCardProps) {
  // Cached data from an earlier day (the popup opened after midnight, before the refresh lands) says so.
  const today = timezone === undefined ? isoDay(now) : todayIn(timezone, now);
  const otherDay = wellness && wellness.date !== today ? formatAbsoluteDate(wellness.date, now) : null;
  const lock = wellness?.locked ? (
    <span class="badge" title="Locked: device syncs will not overwrite this day">
      <LockIcon />
      Locked
    </span>
  ) : null;

  const stats = wellness
    ? [
        wellness.weight !== null && <Stat key="weight" label="Weight" value={formatWeight(wellness.weight)} />,
        wellness.restingHR !== null && (
          <Stat key="rhr" label="Resting HR" value={formatHeartRate(wellness.restingHR)} title="Resting heart rate" />
        ),
        wellness.hrv !== null && (
          <Stat key="hrv" label="HRV" value={formatHrv(wellness.hrv)} title="Heart rate variability (rMSSD)" />
        ),
        wellness.sleepSecs !== null && <Stat key="sleep" label="Sleep" value={formatSleep(wellness.sleepSecs)} />,
      ].filter(Boolean)
    : [];

  return (
    <Section
      id="today"
      title="Today"
      aside={
        lock || onEdit ? (
          <span class="today-aside">
            {lock}
            {onEdit ? (
              <button type="button" class="btn btn-small" onClick={onEdit}>
                Edit
              </button>
            ) : null}
          </span>
        ) : null
      }
    >
      {!wellness ? (
        <p class="muted empty">No wellness yet today.</p>
      ) : stats.length === 0 ? (
        <p class="muted empty">No weight, resting HR, HRV or sleep recorded yet today.</p>
      ) : (
        <dl class="stats">{stats}</dl>
      )}
      {otherDay ? <p class="muted other-day">Values from {otherDay}.</p> : null}
    </Section>
  );
}
