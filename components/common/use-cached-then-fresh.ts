/**
 * The popup's way to show background data: the cached answer at once (no network), then the background's fresh one,
 * keeping what is shown when that fails. `reload(true)` asks the background to refetch even if its copy is fresh.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '~/lib/api/errors';
import { errorInfoOf } from '~/lib/api/explain-error';

export type Source = { source: 'cache' } | { source: 'network'; force?: boolean };

export function useCachedThenFresh<T>(ask: (request: Source) => Promise<T | null>) {
  const [value, setValue] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const alive = useRef(true);

  const reload = useCallback(
    async (force = false) => {
      setLoading(true);
      try {
        const fresh = await ask({ source: 'network', ...(force ? { force } : {}) });
        if (!alive.current) return;
        if (fresh) setValue(fresh);
        setError(null);
      } catch (e) {
        if (alive.current) setError(errorInfoOf(e));
      } finally {
        if (alive.current) setLoading(false);
      }
    },
    [ask],
  );

  useEffect(() => {
    alive.current = true;
    void (async () => {
      try {
        const cached = await ask({ source: 'cache' });
        if (alive.current && cached) setValue(cached);
      } catch {
        // Nothing cached: wait for the network.
      }
      if (alive.current) await reload();
    })();
    return () => {
      alive.current = false;
    };
  }, [reload]);

  return { value, setValue, loading, error, reload };
}
