/**
 * The error type every context shares: the small, typed set of failures the intervals.icu client reports (made from
 * HTTP answers by entrypoints/background/api/response-errors.ts). The UI turns them into plain words with
 * `explainError` (lib/api/explain-error.ts); nothing else in the extension inspects HTTP status codes.
 */
export type IcuErrorKind =
  | 'auth' // 401/403: key wrong, revoked, or sent the wrong way
  | 'not-found' // 404: no such athlete/activity/day
  | 'strava' // activity imported from Strava: the API returns a stub or 422
  | 'rate-limited' // 429 after retries ran out
  | 'unavailable' // 5xx: intervals.icu is having trouble
  | 'offline' // network error, DNS failure, connection dropped
  | 'timeout' // no answer within the client's timeout
  | 'invalid'; // 400/422 (not Strava) or a body we could not understand; also bad input caught before a request

/** What crosses the message boundary: plain data, no Error instances. */
export interface ErrorInfo {
  kind: IcuErrorKind;
  message: string;
  status?: number;
  /** Seconds the server asked us to wait (429/503 Retry-After). */
  retryAfterSecs?: number;
}

export class IcuError extends Error {
  readonly kind: IcuErrorKind;
  readonly status?: number;
  readonly retryAfterSecs?: number;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'IcuError';
    this.kind = info.kind;
    this.status = info.status;
    this.retryAfterSecs = info.retryAfterSecs;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { kind: this.kind, message: this.message };
    if (this.status !== undefined) info.status = this.status;
    if (this.retryAfterSecs !== undefined) info.retryAfterSecs = this.retryAfterSecs;
    return info;
  }
}

/** Said when no key is stored (or no athlete connected): the one sentence, wherever it is found out. */
export const NOT_CONNECTED = 'Not connected: add your API key in the extension’s settings.';

/** Bad input caught before any request: the `invalid` kind with a message for the user. */
export const invalidInput = (message: string): IcuError => new IcuError({ kind: 'invalid', message });
