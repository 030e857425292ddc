/** A few calendar events around today: a note, a race, a sick spell, the season starts (workouts: workouts.ts). */
import { addDays, icuTimestamp } from '../time';
import type { Json } from '../types';
import { ATHLETE_ID } from './athlete';

export interface EventSeed extends Json {
  id: number;
  start_date_local: string;
  category: string;
}

export function events(today: string, now: Date): EventSeed[] {
  const at = (daysFromToday: number, time = '00:00:00') => `${addDays(today, daysFromToday)}T${time}`;
  const updated = icuTimestamp(new Date(now.getTime() - 3 * 86_400_000));
  const base = { athlete_id: ATHLETE_ID, updated };
  return [
    {
      id: 69001,
      ...base,
      category: 'SEASON_START',
      start_date_local: at(-440),
      name: 'Season 1',
    },
    {
      id: 70001,
      ...base,
      category: 'SEASON_START',
      start_date_local: at(-75),
      name: 'Season 2',
    },
    {
      id: 70010,
      ...base,
      category: 'SEASON_START',
      start_date_local: at(120),
      name: 'Season 3',
    },
    {
      id: 70002,
      ...base,
      category: 'SICK',
      start_date_local: at(-6),
      end_date_local: at(-4),
      name: 'Cold',
    },
    {
      id: 70003,
      ...base,
      category: 'NOTE',
      start_date_local: at(0),
      name: 'Bike fit at 18:00',
      description: 'Bring the road shoes.',
      show_as_note: true,
    },
    {
      id: 70007,
      ...base,
      category: 'RACE_A',
      type: 'Ride',
      start_date_local: at(20),
      name: 'Liège–Bastogne–Liège Challenge',
      distance: 154000,
      moving_time: 19800,
    },
  ];
}
