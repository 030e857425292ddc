/** The connected athlete, and "Forget key" with a confirmation step. */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';
import { type AthleteSummary, sendMessage } from '~/lib/messages';

export interface ConnectedAccountProps {
  athlete: AthleteSummary;
  /** True right after a successful "Check connection": says so, and moves focus here. */
  justConnected?: boolean;
  onForgotten: () => void;
}

export function ConnectedAccount({ athlete, justConnected = false, onForgotten }: ConnectedAccountProps) {
  const [confirming, setConfirming] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const forgetRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useLayoutEffect(() => {
    if (justConnected) headingRef.current?.focus();
  }, [justConnected]);

  useLayoutEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) forgetRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const forget = async () => {
    setForgetting(true);
    setFailure(null);
    try {
      await sendMessage('forgetKey', undefined);
      onForgotten();
    } catch (error) {
      setFailure(errorInfoOf(error));
      setForgetting(false);
    }
  };

  return (
    <section class="connected" aria-labelledby="connected-heading">
      <h2 id="connected-heading" ref={headingRef} tabIndex={-1}>
        Connected to intervals.icu
      </h2>
      {justConnected ? (
        <p class="notice notice-success" role="status">
          The key works. Connected as {athlete.name}.
        </p>
      ) : null}
      <dl class="account">
        <div>
          <dt>Athlete</dt>
          <dd>{athlete.name}</dd>
        </div>
        <div>
          <dt>Athlete id</dt>
          <dd class="num">{athlete.id}</dd>
        </div>
      </dl>

      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a group of buttons with a question, not a form fieldset
        <div
          class="notice notice-error confirm"
          role="group"
          aria-labelledby="forget-question"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !forgetting) setConfirming(false);
          }}
        >
          <p id="forget-question" class="notice-title">
            Forget the API key and delete all intervals.icu data cached in this browser?
          </p>
          <p class="notice-detail">Your data on intervals.icu is not touched. You can connect again at any time.</p>
          <div class="notice-actions">
            <button type="button" class="btn btn-danger" onClick={forget} disabled={forgetting}>
              {forgetting ? 'Forgetting…' : 'Forget key'}
            </button>
            <button
              type="button"
              class="btn"
              ref={cancelRef}
              onClick={() => setConfirming(false)}
              disabled={forgetting}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="btn" ref={forgetRef} onClick={() => setConfirming(true)}>
          Forget key…
        </button>
      )}

      {failure ? <ErrorNotice info={failure} /> : null}
    </section>
  );
}
