/**
 * Checks a pasted intervals.icu API key before any request is made. Keys are shown on intervals.icu →
 * Settings → Developer settings as a single token of letters and digits. People paste them with spaces, quotes, line
 * breaks, or with the `API_KEY:` username or a `Bearer`/`Basic` prefix copied from a guide: surrounding noise is
 * trimmed, anything that cannot be a key is rejected with the reason.
 */
export type KeyCheck = { ok: true; key: string; note?: string } | { ok: false; reason: string };

const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const MIN_LENGTH = 16;
const MAX_LENGTH = 128;

export function normalizeApiKey(raw: string): KeyCheck {
  let key = raw
    .trim()
    .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, '')
    .trim();
  let note: string | undefined;

  const prefix = /^(bearer|basic|apikey)\s+/i.exec(key);
  if (prefix) {
    key = key.slice(prefix[0].length).trim();
    note = `Removed the "${prefix[1]}" prefix: paste only the key; the extension builds the header itself.`;
  }
  if (/^api_key:/i.test(key)) {
    key = key.slice('API_KEY:'.length).trim();
    note = 'Removed "API_KEY:": that is the username, which the extension sends for you. Paste only the key.';
  }

  if (key.length === 0)
    return { ok: false, reason: 'Paste your API key from intervals.icu → Settings → Developer settings.' };
  if (/\s/.test(key)) {
    return { ok: false, reason: 'The key contains spaces or line breaks inside it. Copy it again as one piece.' };
  }
  if (!KEY_PATTERN.test(key)) {
    return {
      ok: false,
      reason: 'The key contains characters an intervals.icu API key never has (only letters, digits, "-" and "_").',
    };
  }
  if (key.length < MIN_LENGTH) {
    return { ok: false, reason: `That is too short for an API key (${key.length} characters). Copy the whole key.` };
  }
  if (key.length > MAX_LENGTH) {
    return { ok: false, reason: `That is too long for an API key (${key.length} characters). Copy only the key.` };
  }
  return note ? { ok: true, key, note } : { ok: true, key };
}

/** Athlete ids look like "i12345" (or the bare number); "0" means "the owner of the key". Empty → "0". */
export type AthleteIdCheck = { ok: true; athleteId: string } | { ok: false; reason: string };

export function normalizeAthleteId(raw: string | undefined): AthleteIdCheck {
  const id = (raw ?? '').trim();
  if (id === '' || id === '0') return { ok: true, athleteId: '0' };
  if (/^i?\d{1,12}$/.test(id)) return { ok: true, athleteId: id.startsWith('i') ? id : `i${id}` };
  return {
    ok: false,
    reason:
      'An athlete id looks like "i12345" (shown in the address bar on intervals.icu). Leave it empty to use the key’s owner.',
  };
}
