/** What a route returns; server.ts writes it. Handlers never touch the socket, so faults can rewrite replies. */
import type { IncomingMessage } from 'node:http';

export interface Reply {
  status: number;
  /** JSON value (serialised by the server), a string or bytes (sent as is), or undefined for an empty body. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  /** Pathname, e.g. "/api/v1/athlete/0". */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Parsed JSON body for PUT/POST (undefined when empty). */
  body: unknown;
  /** The body's bytes (for multipart uploads; JSON bodies are also parsed into `body`). */
  raw: Buffer;
  req: IncomingMessage;
  /** The athlete id of the key's owner (server.ts authenticates before any route runs). */
  caller: string;
}

export function json(body: unknown, status = 200): Reply {
  return { status, body };
}

/**
 * Error body. intervals.icu answers errors with a small JSON object that is not in the spec; a live 403 quoted on
 * the forum reads `{"status":403,"error":"Access denied"}`. We use that shape for every error (for other codes the
 * messages are ours), so clients can rely on `status` and `error`.
 */
export function error(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { status, error: message }, headers };
}

export const notFound = (what = 'Not found') => error(404, what);
export const badRequest = (message: string) => error(400, message);

export function csv(rows: (string | number | boolean | null | undefined)[][]): Reply {
  const cell = (v: string | number | boolean | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return { status: 200, body: `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`, contentType: 'text/csv' };
}

/** A query parameter given as a comma list and/or repeated (`types=a,b` or `types=a&types=b`). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Keeps only the listed fields of each object (intervals.icu's `fields=`: "also excludes null values"). */
export function pickFields<T extends object>(value: T, fields: string[] | undefined): T {
  if (!fields) return value;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f];
    if (v !== undefined && v !== null) out[f] = v;
  }
  return out as T;
}
