/** A few calendar events around today: planned workouts, a note, a race, a sick spell, the season start. */
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
      id: 70004,
      ...base,
      category: 'WORKOUT',
      type: 'Ride',
      start_date_local: at(1),
      name: 'Sweet spot 3×12',
      description: 'Warmup\n- 15m 55-75%\n\n3x\n- 12m 88-93%\n- 4m 55%\n\nCooldown\n- 10m 50%',
      indoor: true,
      moving_time: 4500,
      icu_training_load: 86,
      icu_intensity: 83.5,
      target: 'POWER',
    },
    {
      id: 70005,
      ...base,
      category: 'WORKOUT',
      type: 'Run',
      start_date_local: at(2),
      name: 'Easy run 45 min',
      description: '- 45m Z2 HR',
      moving_time: 2700,
      icu_training_load: 38,
      target: 'HR',
    },
    {
      id: 70006,
      ...base,
      category: 'WORKOUT',
      type: 'Ride',
      start_date_local: at(4),
      name: 'Endurance 2 h',
      description: '- 2h 60-70%',
      moving_time: 7200,
      icu_training_load: 98,
      target: 'POWER',
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
