/**
 * intervals.icu's auth rules for personal API keys:
 * - HTTP Basic, username literally `API_KEY`, password the key → allowed;
 * - no header, another scheme, another username or a wrong key → 401 with `WWW-Authenticate: Basic realm=...`
 *   (the header is what Spring Security's basic entry point sends; the realm name is an assumption);
 * - the key (or anything) sent as `Authorization: Bearer …` → 403 "Access denied": bearer tokens are for OAuth apps.
 *   The body `{"status":403,"error":"Access denied"}` is the one quoted from the live API in forum thread 123106
 *   ("[SOLVED] API Access Denied (403)").
 * Each key belongs to one athlete (the default key to i424242, others as `options.keys` says); what that athlete may
 * see is routes/app.ts's business.
 */
import type { IncomingMessage } from 'node:http';
import { error, type Reply } from './http';

export type AuthScheme = 'basic' | 'bearer' | 'other' | 'none';

export function authScheme(req: IncomingMessage): AuthScheme {
  const header = req.headers.authorization;
  if (!header) return 'none';
  if (/^basic\s/i.test(header)) return 'basic';
  if (/^bearer\s/i.test(header)) return 'bearer';
  return 'other';
}

/**
 * The athlete id of the key's owner when the request may proceed (`keys`: API key → athlete id), else the refusal.
 * `challenge: false` leaves out the WWW-Authenticate header (browsers answer a Basic challenge with a login prompt).
 */
export function keyOwner(req: IncomingMessage, keys: ReadonlyMap<string, string>, challenge = true): string | Reply {
  const header = req.headers.authorization ?? '';
  const scheme = authScheme(req);
  if (scheme === 'bearer') return error(403, 'Access denied');
  const unauthorized = () =>
    error(401, 'Unauthorized', challenge ? { 'WWW-Authenticate': 'Basic realm="intervals.icu"' } : undefined);
  if (scheme !== 'basic') return unauthorized();
  let decoded: string;
  try {
    decoded = Buffer.from(header.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
  } catch {
    return unauthorized();
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return unauthorized();
  const user = decoded.slice(0, colon);
  const owner = keys.get(decoded.slice(colon + 1));
  if (user !== 'API_KEY' || owner === undefined) return unauthorized();
  return owner;
}
