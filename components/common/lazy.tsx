/**
 * A component whose code comes in its own chunk, loaded with `import()` when it first renders, so the page's first
 * JavaScript stays small (the popup's budget is in scripts/size.ts). Until the chunk is in (a few milliseconds from the
 * extension's own files) `Placeholder` renders with the same props, told whether loading failed. The chunk is loaded
 * once per page; a failed load is tried again on the next mount.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Placeholder: ComponentType<P & { failed: boolean }>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;

  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);

    useEffect(() => {
      if (Component) return;
      let alive = true;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then(
        (component) => alive && setComponent(() => component),
        () => {
          loading = null;
          if (alive) setFailed(true);
        },
      );
      return () => {
        alive = false;
      };
    }, [Component]);

    return Component ? <Component {...props} /> : <Placeholder {...props} failed={failed} />;
  };
}
