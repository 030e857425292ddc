/**
 * A popup section whose card comes in its own chunk, requested as soon as the section renders, so the popup's first
 * JavaScript stays small. Until the chunk is in (a few milliseconds from the extension's own files) the section shows
 * its heading and a placeholder; a chunk that fails to load says so.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Section } from './Section';

export interface LazySectionOptions<P> {
  id: string;
  title: string;
  /** `() => import('./Card').then((m) => m.Card)`: a dynamic import, so the bundler splits the card out. */
  load(): Promise<ComponentType<P>>;
  loading: string;
  failed: string;
}

export function lazySection<P extends object>(options: LazySectionOptions<P>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazySection(props: P) {
    const [Card, setCard] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);

    useEffect(() => {
      if (Card) return;
      let alive = true;
      options
        .load()
        .then((component) => {
          loaded = component;
          if (alive) setCard(() => component);
        })
        .catch(() => alive && setFailed(true));
      return () => {
        alive = false;
      };
    }, [Card]);

    if (Card) return <Card {...props} />;
    return (
      <Section id={options.id} title={options.title}>
        <p class="muted placeholder">{failed ? options.failed : options.loading}</p>
      </Section>
    );
  };
}
