/** The popup before a key is stored: one clear way forward, focused so Enter takes it. */
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface NotConnectedProps {
  onConnect: () => void;
}

export function NotConnected({ onConnect }: NotConnectedProps) {
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => button.current?.focus(), []);
  return (
    <section class="not-connected" aria-labelledby="connect-heading">
      <h1 id="connect-heading" class="not-connected-title">
        Connect to intervals.icu
      </h1>
      <p class="muted">
        Add your intervals.icu API key once, and this popup shows today’s wellness and your latest activity.
      </p>
      <button type="button" class="btn btn-primary" ref={button} onClick={onConnect}>
        Connect…
      </button>
    </section>
  );
}
