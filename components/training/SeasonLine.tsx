/** The current season in one line: name, start and week, the next planned start, or how to set one. */
import { ExternalIcon } from '~/components/common/icons';
import { formatAbsoluteDate } from '~/components/format';
import type { SeasonView } from '~/lib/training/season';

/** Seasons are SEASON_START events on the intervals.icu calendar. */
export const SEASONS_URL = 'https://intervals.icu/calendar';

export function SeasonLine({ season }: { season: SeasonView }) {
  const { current, next } = season;
  return (
    <p class="t-season" id="training-season">
      {current ? (
        <>
          <strong>{current.name}</strong> · since <span class="num">{formatAbsoluteDate(current.start)}</span> · week{' '}
          <span class="num">{current.week}</span>
        </>
      ) : (
        <>
          No season set.{' '}
          <a href={SEASONS_URL} target="_blank" rel="noreferrer">
            Add a “Season start” on your intervals.icu calendar
            <ExternalIcon />
          </a>
        </>
      )}
      {next ? (
        <span class="muted">
          {' '}
          · next: {next.name} on <span class="num">{formatAbsoluteDate(next.start)}</span>
        </span>
      ) : null}
    </p>
  );
}
