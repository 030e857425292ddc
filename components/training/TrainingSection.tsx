/**
 * The popup's Training section, split from the popup's first load like the VO2max section: the card (and
 * lib/training with it) comes in its own chunk, requested as soon as the popup renders.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Section } from '~/components/common/Section';

let loadedCard: ComponentType | null = null;

export function TrainingSection() {
  const [Card, setCard] = useState<ComponentType | null>(() => loadedCard);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (Card) return;
    let alive = true;
    import('./TrainingCard')
      .then((module) => {
        loadedCard = module.TrainingCard;
        if (alive) setCard(() => module.TrainingCard);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [Card]);

  if (Card) return <Card />;
  return (
    <Section id="training" title="Training">
      <p class="muted placeholder">
        {failed ? 'The training settings could not be loaded: close and reopen the popup.' : 'Loading your settings…'}
      </p>
    </Section>
  );
}
