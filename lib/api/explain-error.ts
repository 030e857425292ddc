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

/** The short title per failure kind. A refused key (403) reads differently from one not accepted (401 and others). */
const TITLES: Record<IcuErrorKind, string> = {
  auth: 'intervals.icu did not accept the API key',
  offline: 'Cannot reach intervals.icu',
  timeout: 'intervals.icu took too long to answer',
  'rate-limited': 'Too many requests to intervals.icu',
  unavailable: 'intervals.icu is having trouble',
  'not-found': 'Not found on intervals.icu',
  strava: 'Imported from Strava — not available through the API',
  invalid: 'Something is not right',
};

/**
 * The title alone, for compact lines (the wellness form's status, the lists): surfaces that need no detail import
 * only this, so the detail texts stay out of their bundles (the in-page wellness panel's budget).
 */
export function errorTitle(info: ErrorInfo): string {
  if (info.kind === 'auth' && info.status === 403) return 'intervals.icu refused access';
  return TITLES[info.kind] ?? TITLES.invalid;
}

function authDetail(info: ErrorInfo): string {
  if (info.status === 403) {
    return [
      '“Access denied”: the API key is wrong or has been revoked, or the athlete id is one this key may not read.',
      `${WHERE_KEY} Leave the athlete id empty to use the key’s owner.`,
      HOW_SENT,
    ].join(' ');
  }
  const parts = ['The API key is wrong or has been revoked.', WHERE_KEY, HOW_SENT];
  if (info.status !== 401) parts.push('If you entered an athlete id, it must be one this key may read.');
  return parts.join(' ');
}

const DETAILS: Record<IcuErrorKind, (info: ErrorInfo) => string> = {
  auth: authDetail,
  offline: () => 'Check your internet connection (or VPN, proxy or firewall), then try again.',
  timeout: () => 'The connection may be slow or intervals.icu may be busy. Try again in a moment.',
  'rate-limited': (info) =>
    info.retryAfterSecs !== undefined && info.retryAfterSecs > 0
      ? `intervals.icu allows about 10 requests per second. Wait ${seconds(info.retryAfterSecs)} and try again.`
      : 'intervals.icu allows about 10 requests per second. Wait a few seconds and try again.',
  unavailable: (info) =>
    `${info.status ? `It answered with an error (${info.status}). ` : ''}This is on intervals.icu’s side, not yours: try again later.`,
  'not-found': () =>
    'intervals.icu has no such athlete, activity or day (or it was deleted). If you entered an athlete id, check it (it looks like i12345, as in the address bar on intervals.icu) or leave it empty to use the key’s owner.',
  strava: () =>
    'intervals.icu’s agreement with Strava does not let apps read activities imported from Strava. Upload the original file to intervals.icu, or connect your device (Garmin, Wahoo, …) to intervals.icu directly.',
  invalid: (info) => info.message.trim() || 'The request or the answer was not what the extension expected.',
};

export function explainError(info: ErrorInfo): Explanation {
  const detail = DETAILS[info.kind] ?? DETAILS.invalid;
  return { title: errorTitle(info), detail: detail(info) };
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
