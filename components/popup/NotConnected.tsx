/** The popup before a key is stored: one clear way forward. */
export interface NotConnectedProps {
  onConnect: () => void;
}

export function NotConnected({ onConnect }: NotConnectedProps) {
  return (
    <section class="not-connected" aria-labelledby="connect-heading">
      <h1 id="connect-heading" class="not-connected-title">
        Connect to intervals.icu
      </h1>
      <p class="muted">
        Add your intervals.icu API key once, and this popup shows today’s wellness and your latest activity.
      </p>
      <button type="button" class="btn btn-primary" onClick={onConnect}>
        Connect…
      </button>
    </section>
  );
}
