/**
 * One titled block of a page or the popup. Features add themselves as further `<Section>`s (wellness editing,
 * VO2max, export), so the popup and options page are just stacks of these.
 */
import type { ComponentChildren } from 'preact';
import './blocks.css';

export interface SectionProps {
  /** Unique within the page; used for the heading id and `aria-labelledby`. */
  id: string;
  title: string;
  /** Small content at the right of the heading (a badge, a button). */
  aside?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}

export function Section({ id, title, aside, children, class: className }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section class={`section${className ? ` ${className}` : ''}`} id={id} aria-labelledby={headingId}>
      <div class="section-head">
        <h2 id={headingId} class="section-title">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
