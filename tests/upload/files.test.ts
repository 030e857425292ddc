/** Which files the Upload page takes, the size limit and its message, and the plan's external ids and days. */
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  isActivityFileName,
  isWorkoutFileName,
  MAX_UPLOAD_BYTES,
  MAX_WORKOUT_BYTES,
  refuseActivityFile,
  refuseWorkoutFile,
} from '~/lib/upload/files';
import { defaultPlanDate, planExternalId } from '~/lib/upload/plan';

describe('activity files', () => {
  it.each([
    'ride.fit',
    'RIDE.FIT',
    'Morning Run.tcx',
    'track.GPX',
    'ride.fit.gz',
    'ride.TCX.GZ',
    'export.gpx.gz',
    'week.zip',
    ' padded.fit ',
  ])('takes %s', (name) => {
    expect(isActivityFileName(name)).toBe(true);
    expect(refuseActivityFile(name, 1000)).toBeNull();
  });

  it.each(['ride.gz', 'notes.txt', 'photo.jpg', 'ride.fit.bak', 'workout.zwo', 'fit', 'ride.fit.tar'])(
    'refuses %s, naming it and saying what is taken',
    (name) => {
      expect(isActivityFileName(name)).toBe(false);
      const reason = refuseActivityFile(name, 1000);
      expect(reason).toContain(name);
      expect(reason).toMatch(/\.fit, \.tcx and \.gpx/);
    },
  );

  it('refuses an empty file', () => {
    expect(refuseActivityFile('ride.fit', 0)).toBe('ride.fit: the file is empty.');
  });

  it('takes a file of exactly 25 MB and refuses one byte more, naming the file, its size and the limit', () => {
    expect(MAX_UPLOAD_BYTES).toBe(25 * 1024 * 1024);
    expect(refuseActivityFile('big.fit', MAX_UPLOAD_BYTES)).toBeNull();
    expect(refuseActivityFile('big.fit', 30 * 1024 * 1024)).toBe(
      'big.fit (30.0 MB) is larger than the 25 MB limit for one file, so it was not uploaded. Split a large archive into smaller ones.',
    );
    expect(refuseActivityFile('big.fit', MAX_UPLOAD_BYTES + 1)).toMatch(
      /^big\.fit \(25\.0 MB\) is larger than the 25 MB limit/,
    );
  });

  it('says a limit below a megabyte as it is', () => {
    expect(refuseActivityFile('a.fit', 2048, 1024)).toMatch(/^a\.fit \(2 KB\) is larger than the 1 KB limit/);
  });
});

describe('workout files', () => {
  it.each(['vo2.zwo', 'SST.ZWO', 'ramp.mrc', 'ftp.erg', 'workout.fit'])('takes %s', (name) => {
    expect(isWorkoutFileName(name)).toBe(true);
    expect(refuseWorkoutFile(name, 2000)).toBeNull();
  });

  it.each(['ride.tcx', 'plan.txt', 'vo2.zwo.zip', 'plan.json'])('refuses %s', (name) => {
    expect(refuseWorkoutFile(name, 2000)).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: not a workout file`));
  });

  it('refuses a workout file over 1 MB', () => {
    expect(refuseWorkoutFile('huge.zwo', MAX_WORKOUT_BYTES + 1)).toMatch(
      /huge\.zwo \(1\.0 MB\) is larger than the 1 MB limit/,
    );
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [150_000, '146 KB'],
    [25 * 1024 * 1024, '25.0 MB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('planExternalId', () => {
  it('is made of the day and the normalized file name', () => {
    expect(planExternalId('VO2max 5x4.zwo', '2026-03-16')).toBe('icu-companion:2026-03-16:vo2max 5x4.zwo');
  });

  it('is the same for the same file re-downloaded, renamed in case or spacing', () => {
    const id = planExternalId('Sweet Spot.zwo', '2026-03-16');
    expect(planExternalId('sweet   spot.ZWO', '2026-03-16')).toBe(id);
    expect(planExternalId('Sweet Spot (1).zwo', '2026-03-16')).toBe(id);
    expect(planExternalId(' Sweet Spot.zwo ', '2026-03-16')).toBe(id);
  });

  it('differs for another day, another file or another format', () => {
    const id = planExternalId('Sweet Spot.zwo', '2026-03-16');
    expect(planExternalId('Sweet Spot.zwo', '2026-03-17')).not.toBe(id);
    expect(planExternalId('Sweet Spot 2.zwo', '2026-03-16')).not.toBe(id);
    expect(planExternalId('Sweet Spot.fit', '2026-03-16')).not.toBe(id);
  });

  it('stays short for a very long name', () => {
    expect(planExternalId(`${'x'.repeat(500)}.zwo`, '2026-03-16').length).toBeLessThanOrEqual(150);
  });
});

describe('defaultPlanDate', () => {
  it('puts the n-th file on today + n, across months', () => {
    expect([0, 1, 2].map((n) => defaultPlanDate('2026-03-30', n))).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
  });
});
