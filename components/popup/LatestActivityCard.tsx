/** "Latest activity": what it was, when, the headline numbers, and the way to open it on intervals.icu. */
import { ExternalIcon } from '~/components/common/icons';
import { Section } from '~/components/common/Section';
import { Stat } from '~/components/common/Stat';
import {
  formatDistance,
  formatDuration,
  formatFullDateTime,
  formatLoad,
  formatSport,
  formatWhen,
} from '~/components/format';
import { explainError } from '~/lib/api/explain-error';
import type { ActivitySummary } from '~/lib/messages';

export interface LatestActivityCardProps {
  activity: ActivitySummary | null;
  /** "Now" for relative dates; defaults to the current time. */
  now?: Date;
  /** "Latest activity" by default; "This activity" when the popup opened on an activity page. */
  title?: string;
  id?: string;
}

export function LatestActivityCard({
  activity,
  now,
  title = 'Latest activity',
  id = 'latest-activity',
}: LatestActivityCardProps) {
  if (!activity) {
    return (
      <Section id={id} title={title}>
        <p class="muted empty">No activities yet.</p>
      </Section>
    );
  }

  const strava = activity.restrictedBy === 'strava';
  const duration = activity.movingTimeSecs ?? activity.elapsedTimeSecs;
  const stats = [
    duration !== null && (
      <Stat
        key="duration"
        label="Duration"
        value={formatDuration(duration)}
        title={activity.movingTimeSecs !== null ? 'Moving time' : 'Elapsed time'}
      />
    ),
    activity.distanceMeters !== null && activity.distanceMeters > 0 && (
      <Stat key="distance" label="Distance" value={formatDistance(activity.distanceMeters, activity.type)} />
    ),
    activity.trainingLoad !== null && (
      <Stat key="load" label="Load" value={formatLoad(activity.trainingLoad)} title="Training load" />
    ),
  ].filter(Boolean);

  return (
    <Section id={id} title={title}>
      <h3 class="activity-name">{activity.name || formatSport(activity.type)}</h3>
      <p class="activity-meta muted">
        <span>{formatSport(activity.type)}</span>
        {activity.startDateLocal ? (
          <>
            <span aria-hidden="true"> · </span>
            <time dateTime={activity.startDateLocal} title={formatFullDateTime(activity.startDateLocal)}>
              {formatWhen(activity.startDateLocal, now)}
            </time>
          </>
        ) : null}
      </p>
      {strava ? (
        <div class="notice notice-info strava-note">
          <p class="notice-title">Imported from Strava — not available through the API</p>
          <p class="notice-detail">{explainError({ kind: 'strava', message: '' }).detail}</p>
        </div>
      ) : stats.length > 0 ? (
        <dl class="stats">{stats}</dl>
      ) : null}
      <a class="external-link" href={activity.url} target="_blank" rel="noopener noreferrer">
        Open on intervals.icu
        <ExternalIcon />
        <span class="visually-hidden"> (opens in a new tab)</span>
      </a>
    </Section>
  );
}
