/**
 * An explained failure: `explainError`'s title and detail in an alert. `compact` (the popup) shows the title and keeps
 * the detail behind a "Why?" disclosure. Actions (Retry, Open settings) go in `children`.
 */
import type { ComponentChildren } from 'preact';
import type { ErrorInfo } from '~/lib/api/errors';
import { explainError } from '~/lib/api/explain-error';

export interface ErrorNoticeProps {
  info: ErrorInfo;
  compact?: boolean;
  children?: ComponentChildren;
}

export function ErrorNotice({ info, compact = false, children }: ErrorNoticeProps) {
  const { title, detail } = explainError(info);
  return (
    <div class={`notice notice-error${compact ? ' notice-compact' : ''}`} role="alert">
      <p class="notice-title">{title}</p>
      {compact ? (
        <details class="notice-more">
          <summary>Why?</summary>
          <p class="notice-detail">{detail}</p>
        </details>
      ) : (
        <p class="notice-detail">{detail}</p>
      )}
      {children ? <div class="notice-actions">{children}</div> : null}
    </div>
  );
}
