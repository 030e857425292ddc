/**
 * The popup's VO2max section, split from the popup's first load: the card (and lib/power with it) comes in its own
 * chunk, requested as soon as the popup renders, so the popup's initial JavaScript stays within its budget. Until the
 * chunk is in (a few milliseconds from the extension's own files) the section shows its heading and a placeholder.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Section } from '~/components/common/Section';
import type { Vo2maxCardProps } from './Vo2maxCard';

let loadedCard: ComponentType<Vo2maxCardProps> | null = null;

export function Vo2maxSection(props: Vo2maxCardProps) {
  const [Card, setCard] = useState<ComponentType<Vo2maxCardProps> | null>(() => loadedCard);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (Card) return;
    let alive = true;
    import('./Vo2maxCard')
      .then((module) => {
        loadedCard = module.Vo2maxCard;
        if (alive) setCard(() => module.Vo2maxCard);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [Card]);

  if (Card) return <Card {...props} />;
  return (
    <Section id="vo2max" title="VO2max">
      <p class="muted placeholder">
        {failed ? 'The VO2max card could not be loaded: close and reopen the popup.' : 'Loading your power curves…'}
      </p>
    </Section>
  );
}
