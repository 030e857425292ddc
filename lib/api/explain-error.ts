/**
 * Plain words for each failure kind (lib/api/errors.ts), for the popup, the options page and in-page features: a
 * short `title` and a `detail` saying what it means and what to do. Pure: no browser, no network; `ErrorInfo` never
 * carries the key. Compact surfaces (the popup) may show the title alone with the detail one click away.
 */
import type { ErrorInfo, IcuErrorKind } from './errors';

export interface Explanation {
  title: string;
  detail: string;
}

const WHERE_KEY = 'Copy your personal API key from intervals.icu → Settings → Developer settings → API key.';
const HOW_SENT =
  'You only paste the key: the username is the literal word API_KEY, which the extension sends for you. A "Bearer" token is for OAuth apps, not for personal API keys.';

function seconds(n: number): string {
  const s = Math.max(1, Math.ceil(n));
  return s === 1 ? '1 second' : `${s} seconds`;
}

function authExplanation(info: ErrorInfo): Explanation {
  if (info.status === 403) {
    return {
      title: 'intervals.icu refused access',
      detail: [
        '“Access denied”: the API key is wrong or has been revoked, or the athlete id is one this key may not read.',
        `${WHERE_KEY} Leave the athlete id empty to use the key’s owner.`,
        HOW_SENT,
      ].join(' '),
    };
  }
  const parts = ['The API key is wrong or has been revoked.', WHERE_KEY, HOW_SENT];
  if (info.status !== 401) parts.push('If you entered an athlete id, it must be one this key may read.');
  return { title: 'intervals.icu did not accept the API key', detail: parts.join(' ') };
}

const EXPLAIN: Record<IcuErrorKind, (info: ErrorInfo) => Explanation> = {
  auth: authExplanation,
  offline: () => ({
    title: 'Cannot reach intervals.icu',
    detail: 'Check your internet connection (or VPN, proxy or firewall), then try again.',
  }),
  timeout: () => ({
    title: 'intervals.icu took too long to answer',
    detail: 'The connection may be slow or intervals.icu may be busy. Try again in a moment.',
  }),
  'rate-limited': (info) => ({
    title: 'Too many requests to intervals.icu',
    detail:
      info.retryAfterSecs !== undefined && info.retryAfterSecs > 0
        ? `intervals.icu allows about 10 requests per second. Wait ${seconds(info.retryAfterSecs)} and try again.`
        : 'intervals.icu allows about 10 requests per second. Wait a few seconds and try again.',
  }),
  unavailable: (info) => ({
    title: 'intervals.icu is having trouble',
    detail: `${info.status ? `It answered with an error (${info.status}). ` : ''}This is on intervals.icu’s side, not yours: try again later.`,
  }),
  'not-found': () => ({
    title: 'Not found on intervals.icu',
    detail:
      'intervals.icu has no such athlete, activity or day (or it was deleted). If you entered an athlete id, check it (it looks like i12345, as in the address bar on intervals.icu) or leave it empty to use the key’s owner.',
  }),
  strava: () => ({
    title: 'Imported from Strava — not available through the API',
    detail:
      'intervals.icu’s agreement with Strava does not let apps read activities imported from Strava. Upload the original file to intervals.icu, or connect your device (Garmin, Wahoo, …) to intervals.icu directly.',
  }),
  invalid: (info) => ({
    title: 'Something is not right',
    detail: info.message.trim() || 'The request or the answer was not what the extension expected.',
  }),
};

export function explainError(info: ErrorInfo): Explanation {
  const explain = EXPLAIN[info.kind] ?? EXPLAIN.invalid;
  return explain(info);
}

function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).kind === 'string' &&
    typeof (value as ErrorInfo).message === 'string'
  );
}

/**
 * The `ErrorInfo` behind anything a `sendMessage` call may throw: a `MessageError` carries one in `.info`; anything
 * else (the background not answering, a bug) becomes an `invalid` error with its message. Duck-typed so this file
 * stays free of browser imports.
 */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) {
    const info = (error as { info: unknown }).info;
    if (isErrorInfo(info)) return info;
  }
  return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
}
