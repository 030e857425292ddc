/**
 * "Connect to intervals.icu": the API key (hidden by default, with a show toggle) and an optional athlete id.
 * Input is checked with `normalizeApiKey`/`normalizeAthleteId` first: a reason is shown next to the field and nothing
 * is sent. A good key goes to the background (`connect`), which calls `GET /athlete/{id}` and stores it on success.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { normalizeApiKey, normalizeAthleteId } from '~/lib/api/key';
import { type AthleteSummary, sendMessage } from '~/lib/messages';

export const INTERVALS_SETTINGS_URL = 'https://intervals.icu/settings';

export interface ConnectFormProps {
  onConnected: (athlete: AthleteSummary) => void;
  /** A message to show (and announce) when the form appears, e.g. after the key was forgotten. */
  initialStatus?: string;
  /** Put the focus in the API key field on mount (after the key was forgotten). */
  autoFocus?: boolean;
}

export function ConnectForm({ onConnected, initialStatus, autoFocus = false }: ConnectFormProps) {
  const [apiKey, setApiKey] = useState('');
  const [athleteId, setAthleteId] = useState('');
  const [showKey, setShowKey] = useState(false);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const [status, setStatus] = useState(initialStatus ?? '');
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [checking, setChecking] = useState(false);
  const keyRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    if (autoFocus) keyRef.current?.focus();
  }, [autoFocus]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (checking) return;
    setFailure(null);

    const key = normalizeApiKey(apiKey);
    const id = normalizeAthleteId(athleteId);
    setKeyError(key.ok ? null : key.reason);
    setIdError(id.ok ? null : id.reason);
    if (!key.ok || !id.ok) {
      setStatus('');
      (key.ok ? idRef : keyRef).current?.focus();
      return;
    }

    // Show what will be sent: the cleaned key and id.
    const notes: string[] = [];
    if (key.note) notes.push(key.note);
    else if (key.key !== apiKey) notes.push('Removed spaces, quotes or line breaks around the key.');
    if (key.key !== apiKey) setApiKey(key.key);
    if (id.athleteId !== '0' && id.athleteId !== athleteId.trim()) setAthleteId(id.athleteId);

    setChecking(true);
    setStatus([...notes, 'Checking connection…'].join(' '));
    try {
      const request = id.athleteId === '0' ? { apiKey: key.key } : { apiKey: key.key, athleteId: id.athleteId };
      const athlete = await sendMessage('connect', request);
      setStatus(notes.join(' '));
      setChecking(false);
      onConnected(athlete);
    } catch (error) {
      setStatus(notes.join(' '));
      setFailure(errorInfoOf(error));
      setChecking(false);
      keyRef.current?.focus();
    }
  };

  const keyDescribedBy = ['api-key-help', keyError ? 'api-key-error' : ''].filter(Boolean).join(' ');
  const idDescribedBy = ['athlete-id-help', idError ? 'athlete-id-error' : ''].filter(Boolean).join(' ');

  return (
    <form class="connect-form" onSubmit={submit} noValidate aria-labelledby="connect-heading" aria-busy={checking}>
      <h2 id="connect-heading">Connect to intervals.icu</h2>
      <p class="muted">
        The extension reads your data with your personal API key. The key stays in this browser and is sent only to
        intervals.icu.
      </p>

      <div class="field">
        <label for="api-key">API key</label>
        <div class="input-row">
          <input
            id="api-key"
            ref={keyRef}
            type={showKey ? 'text' : 'password'}
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="off"
            aria-invalid={keyError ? true : undefined}
            aria-describedby={keyDescribedBy}
          />
          <button
            type="button"
            class="btn"
            onClick={() => setShowKey((shown) => !shown)}
            aria-controls="api-key"
            aria-label={showKey ? 'Hide API key' : 'Show API key'}
          >
            {showKey ? 'Hide' : 'Show'}
          </button>
        </div>
        {keyError ? (
          <p id="api-key-error" class="field-error">
            {keyError}
          </p>
        ) : null}
        <p id="api-key-help" class="help">
          On intervals.icu open{' '}
          <a href={INTERVALS_SETTINGS_URL} target="_blank" rel="noopener noreferrer">
            Settings
          </a>{' '}
          → Developer settings and copy the API key. Paste only the key: the username is the word API_KEY, which the
          extension sends for you.
        </p>
      </div>

      <div class="field">
        <label for="athlete-id">
          Athlete id <span class="muted">(optional)</span>
        </label>
        <input
          id="athlete-id"
          ref={idRef}
          class="input-short"
          type="text"
          value={athleteId}
          placeholder="i12345"
          onInput={(e) => setAthleteId(e.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="off"
          aria-invalid={idError ? true : undefined}
          aria-describedby={idDescribedBy}
        />
        {idError ? (
          <p id="athlete-id-error" class="field-error">
            {idError}
          </p>
        ) : null}
        <p id="athlete-id-help" class="help">
          Leave empty to use the key’s owner. Coaches: an athlete this key may read, as in the address bar on
          intervals.icu.
        </p>
      </div>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={checking}>
          {checking ? 'Checking…' : 'Check connection'}
        </button>
        <p class="form-status" role="status" aria-live="polite">
          {checking ? <span class="spinner" aria-hidden="true" /> : null} {status}
        </p>
      </div>

      {failure ? <ErrorNotice info={failure} /> : null}
    </form>
  );
}
