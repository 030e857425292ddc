/** "Upload files to intervals.icu": a real link to the Upload page, opened in its own tab. */
import { openUploadPage, uploadPageUrl } from './open';

export function UploadPageLink({ class: className }: { class?: string }) {
  return (
    <a
      class={className}
      href={uploadPageUrl()}
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        event.preventDefault();
        void openUploadPage();
      }}
    >
      Upload files to intervals.icu
    </a>
  );
}
