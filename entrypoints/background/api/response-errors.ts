/**
 * HTTP answers → errors: turns whatever a request threw (ky's HTTPError/TimeoutError, fetch's TypeError, an abort)
 * into one `IcuError` (the shared type in lib/api/errors.ts, which lib/api/explain-error.ts puts into plain words).
 * This is the only place that looks at HTTP status codes; it also reads `Retry-After` and spots Strava stubs.
 */
import { HTTPError, TimeoutError } from 'ky';
import { IcuError } from '~/lib/api/errors';
import type { Hidden } from '~/lib/api/types';

export interface FailureContext {
  /** A 422 on this endpoint means "imported from Strava" (activity streams, intervals, power curve). */
  refusedForStrava: boolean;
  /** The key the request carried, so it can be cut out of any server text we quote. */
  apiKey: string;
  now?: () => number;
}

export const STRAVA_MESSAGE =
  'This activity was imported from Strava. Strava does not allow intervals.icu to share it through the API.';

export async function toIcuError(error: unknown, context: FailureContext): Promise<IcuError> {
  if (error instanceof IcuError) return error;
  if (error instanceof HTTPError) return fromResponse(error.response, context);
  if (error instanceof TimeoutError) {
    return new IcuError({ kind: 'timeout', message: 'intervals.icu did not answer in time. Try again in a moment.' });
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    // fetch rejects with TypeError for DNS failures, refused or dropped connections and CORS/host-permission problems.
    return new IcuError({ kind: 'offline', message: 'Could not reach intervals.icu. Check your internet connection.' });
  }
  return new IcuError({ kind: 'invalid', message: 'The request to intervals.icu failed unexpectedly.' });
}

export async function fromResponse(response: Response, context: FailureContext): Promise<IcuError> {
  const status = response.status;
  const body = await readBody(response);
  const serverSays = quote(body, context.apiKey);

  if (status === 401) {
    return new IcuError({
      kind: 'auth',
      status,
      message: 'intervals.icu did not accept the API key (401). It may be mistyped or revoked.',
    });
  }
  if (status === 403) {
    const accessDenied = /access denied/i.test(body);
    return new IcuError({
      kind: 'auth',
      status,
      message: accessDenied
        ? 'intervals.icu answered "Access denied" (403): the key does not give access to this athlete, or it was sent as a Bearer token (only for OAuth apps).'
        : 'intervals.icu refused access (403): the key does not give access to this athlete.',
    });
  }
  if (status === 404) {
    return new IcuError({ kind: 'not-found', status, message: 'intervals.icu has no such item (404).' });
  }
  if (status === 422 && (context.refusedForStrava || /strava/i.test(body))) {
    return new IcuError({ kind: 'strava', status, message: STRAVA_MESSAGE });
  }
  if (status === 429) {
    const retryAfterSecs = parseRetryAfter(response.headers.get('retry-after'), context.now?.() ?? Date.now());
    return new IcuError({
      kind: 'rate-limited',
      status,
      message: 'intervals.icu is receiving too many requests from this browser. Wait a moment and try again.',
      ...(retryAfterSecs !== undefined ? { retryAfterSecs } : {}),
    });
  }
  if (status >= 500) {
    const retryAfterSecs = parseRetryAfter(response.headers.get('retry-after'), context.now?.() ?? Date.now());
    return new IcuError({
      kind: 'unavailable',
      status,
      message: `intervals.icu is having trouble (${status}). Try again later.`,
      ...(retryAfterSecs !== undefined ? { retryAfterSecs } : {}),
    });
  }
  return new IcuError({
    kind: 'invalid',
    status,
    message: `intervals.icu rejected the request (${status})${serverSays ? `: ${serverSays}` : '.'}`,
  });
}

/** `Retry-After` is either delay-seconds or an HTTP date. Returns whole seconds ≥ 0, or undefined if absent/garbled. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * An activity imported from Strava comes back as a `Hidden` stub: ids, date, `source` and a `_note` explaining why,
 * but no name or type.
 */
export function isStravaStub(value: unknown): value is Hidden {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record._note === 'string') return true;
  return record.source === 'STRAVA' && record.type === undefined && record.name === undefined;
}

async function readBody(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

/**
 * The `error` text of an intervals.icu error body: `{"status": 403, "error": "Access denied"}`, or for some bulk
 * endpoints a 422 with an array of such objects (their texts joined). `message` is read too (Spring's default body).
 */
export function serverErrorText(parsed: unknown): string | undefined {
  const one = (item: unknown): string | undefined => {
    if (typeof item !== 'object' || item === null) return undefined;
    const { error, message } = item as { error?: unknown; message?: unknown };
    const text = error ?? message;
    return typeof text === 'string' && text.trim() !== '' ? text : undefined;
  };
  if (!Array.isArray(parsed)) return one(parsed);
  const texts = [...new Set(parsed.map(one).filter((t): t is string => t !== undefined))];
  return texts.length > 0 ? texts.join('; ') : undefined;
}

/** A short, single-line excerpt of the server's error text with the key cut out. */
function quote(body: string, apiKey: string): string {
  let text = body;
  try {
    const message = serverErrorText(JSON.parse(body));
    if (message !== undefined) text = message;
  } catch {
    // not JSON: quote the text itself
  }
  if (/^\s*</.test(text)) return ''; // an HTML error page says nothing useful
  if (apiKey) text = text.split(apiKey).join('[API key]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
