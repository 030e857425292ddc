import { describe, expect, it } from 'vitest';
import { isStravaStub, parseRetryAfter } from '../../entrypoints/background/api/response-errors';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-02T10:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['3', 3],
    [' 0 ', 0],
    ['1.2', 2],
    ['Thu, 02 May 2024 10:00:07 GMT', 7],
    ['Thu, 02 May 2024 09:59:00 GMT', 0],
    ['soon', undefined],
  ])('%j → %j', (header, secs) => {
    expect(parseRetryAfter(header, now)).toBe(secs);
  });
});

describe('isStravaStub', () => {
  it.each([
    [{ id: '1', source: 'STRAVA', _note: 'not available via the API' }, true],
    [{ id: '1', source: 'STRAVA', start_date_local: '2024-05-01T07:00:00' }, true],
    [{ id: '1', _note: 'hidden' }, true],
    [{ id: '1', source: 'STRAVA', name: 'Ride', type: 'Ride' }, false],
    [{ id: '1', source: 'GARMIN_CONNECT', name: 'Ride', type: 'Ride' }, false],
    [[], false],
    [null, false],
    ['STRAVA', false],
  ])('%j → %s', (value, stub) => {
    expect(isStravaStub(value)).toBe(stub);
  });
});
