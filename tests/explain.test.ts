import { describe, expect, it } from 'vitest';
import type { ErrorInfo, IcuErrorKind } from '~/lib/api/errors';
import { errorInfoOf, errorTitle, explainError } from '~/lib/api/explain-error';

const text = (info: ErrorInfo) => {
  const { title, detail } = explainError(info);
  return `${title}\n${detail}`;
};

describe('explainError', () => {
  it.each([401, 403, undefined])(
    'auth (%s): wrong or revoked key, where to find it, API_KEY username, no Bearer',
    (status) => {
      const t = text({ kind: 'auth', message: 'Unauthorized', status });
      expect(t).toMatch(/wrong or (has been )?revoked/);
      expect(t).toContain('intervals.icu → Settings → Developer settings → API key');
      expect(t).toContain('API_KEY');
      expect(t).toMatch(/sends for you/);
      expect(t).toMatch(/Bearer.*OAuth apps, not for personal API keys/);
    },
  );

  it('403 "Access denied" also names an athlete id the key may not read', () => {
    const { title, detail } = explainError({ kind: 'auth', message: 'Access denied', status: 403 });
    expect(title).toBe('intervals.icu refused access');
    expect(detail).toContain('Access denied');
    expect(detail).toMatch(/athlete id is one this key may not read/);
    expect(detail).toMatch(/Leave the athlete id empty/);
  });

  it('401 does not blame the athlete id', () => {
    const { title, detail } = explainError({ kind: 'auth', message: 'Unauthorized', status: 401 });
    expect(title).toBe('intervals.icu did not accept the API key');
    expect(detail).not.toMatch(/athlete id/);
  });

  it('offline: check the connection', () => {
    const { title, detail } = explainError({ kind: 'offline', message: 'Failed to fetch' });
    expect(title).toBe('Cannot reach intervals.icu');
    expect(detail).toMatch(/internet connection/);
  });

  it('timeout: too long to answer, try again', () => {
    const { title, detail } = explainError({ kind: 'timeout', message: 'Timed out after 15000 ms' });
    expect(title).toMatch(/took too long/);
    expect(detail).toMatch(/Try again/);
  });

  it.each([
    [12, 'Wait 12 seconds and try again.'],
    [1, 'Wait 1 second and try again.'],
    [2.2, 'Wait 3 seconds and try again.'],
    [undefined, 'Wait a few seconds and try again.'],
    [0, 'Wait a few seconds and try again.'],
  ])('rate-limited with Retry-After %s → "%s"', (retryAfterSecs, expected) => {
    const info: ErrorInfo = { kind: 'rate-limited', message: 'Too Many Requests', status: 429 };
    if (retryAfterSecs !== undefined) info.retryAfterSecs = retryAfterSecs;
    const { title, detail } = explainError(info);
    expect(title).toBe('Too many requests to intervals.icu');
    expect(detail).toContain('about 10 requests per second');
    expect(detail).toContain(expected);
  });

  it('unavailable: intervals.icu is having trouble, try later (with the status when known)', () => {
    const withStatus = explainError({ kind: 'unavailable', message: 'Bad Gateway', status: 502 });
    expect(withStatus.title).toBe('intervals.icu is having trouble');
    expect(withStatus.detail).toContain('(502)');
    expect(withStatus.detail).toMatch(/try again later/);
    expect(explainError({ kind: 'unavailable', message: '' }).detail).not.toMatch(/\(\d+\)/);
  });

  it('not-found: no such athlete or activity, check the athlete id', () => {
    const { title, detail } = explainError({ kind: 'not-found', message: 'Not Found', status: 404 });
    expect(title).toBe('Not found on intervals.icu');
    expect(detail).toMatch(/athlete id/);
  });

  it('strava: the agreement with Strava; upload the original or connect the device', () => {
    const { title, detail } = explainError({ kind: 'strava', message: 'Strava', status: 422 });
    expect(title).toBe('Imported from Strava — not available through the API');
    expect(detail).toMatch(/agreement with Strava/);
    expect(detail).toMatch(/Upload the original file/);
    expect(detail).toMatch(/connect your device/);
  });

  it('invalid: uses the message', () => {
    const { detail } = explainError({ kind: 'invalid', message: '  Date must be yyyy-MM-dd ' });
    expect(detail).toBe('Date must be yyyy-MM-dd');
    expect(explainError({ kind: 'invalid', message: '' }).detail).toMatch(/not what the extension expected/);
  });

  it('every kind has a non-empty title and detail; unknown kinds fall back to invalid', () => {
    const kinds: IcuErrorKind[] = [
      'auth',
      'not-found',
      'strava',
      'rate-limited',
      'unavailable',
      'offline',
      'timeout',
      'invalid',
    ];
    for (const kind of kinds) {
      const { title, detail } = explainError({ kind, message: 'x' });
      expect(title.length, kind).toBeGreaterThan(5);
      expect(detail.length, kind).toBeGreaterThan(0);
    }
    const odd = explainError({ kind: 'nonsense' as IcuErrorKind, message: 'Odd' });
    expect(odd.detail).toBe('Odd');
  });
});

describe('errorInfoOf', () => {
  it('takes the info of a MessageError-like object', () => {
    const info: ErrorInfo = { kind: 'auth', message: 'Access denied', status: 403 };
    expect(errorInfoOf(Object.assign(new Error('Access denied'), { info }))).toBe(info);
  });

  it('turns anything else into an invalid error with its message', () => {
    expect(errorInfoOf(new Error('Could not establish connection'))).toEqual({
      kind: 'invalid',
      message: 'Could not establish connection',
    });
    expect(errorInfoOf('boom')).toEqual({ kind: 'invalid', message: 'boom' });
    expect(errorInfoOf({ info: { nope: 1 } })).toEqual({ kind: 'invalid', message: '[object Object]' });
  });
});

describe('errorTitle', () => {
  const kinds: IcuErrorKind[] = [
    'auth',
    'offline',
    'timeout',
    'rate-limited',
    'unavailable',
    'not-found',
    'strava',
    'invalid',
  ];
  it.each(kinds.flatMap((kind) => [401, 403, 503, undefined].map((status) => [kind, status] as const)))(
    '%s (%s) is explainError’s title',
    (kind, status) => {
      const info: ErrorInfo = { kind, message: 'x', status };
      expect(errorTitle(info)).toBe(explainError(info).title);
    },
  );

  it('an unknown kind reads as "Something is not right"', () => {
    expect(errorTitle({ kind: 'surprise' as IcuErrorKind, message: '' })).toBe('Something is not right');
  });
});
