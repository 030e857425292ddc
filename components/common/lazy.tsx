/**
 * A component whose code comes in its own chunk, loaded with `import()` when it first renders, so the page's first
 * JavaScript stays small (the popup's budget is in scripts/size.ts). Until the chunk is in (a few milliseconds from the
 * extension's own files) `Placeholder` renders with the same props, told whether loading failed. The chunk is loaded
 * once per page; a failed load is tried again on the next mount.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Section } from './Section';

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

export interface LazySectionOptions<P> {
  id: string;
  title: string;
  /** `() => import('./Card').then((m) => m.Card)`: a dynamic import, so the bundler splits the card out. */
  load(): Promise<ComponentType<P>>;
  loading: string;
  failed: string;
}

/** A popup section whose card loads on demand: its heading and a placeholder line until the card is in. */
export function lazySection<P extends object>(options: LazySectionOptions<P>): ComponentType<P> {
  return lazyComponent(options.load, ({ failed }) => (
    <Section id={options.id} title={options.title}>
      <p class="muted placeholder">{failed ? options.failed : options.loading}</p>
    </Section>
  ));
}
