/**
 * Saves a file from the page that runs this code: a Blob, its object URL and a clicked `<a download>`. Used by the
 * popup, the export page and the content script (the background cannot: an MV3 service worker has no
 * `URL.createObjectURL`). No `downloads` permission is needed; the browser's own download settings apply (Downloads
 * folder, or a save dialog if the user asked for one).
 *
 * The anchor is attached before the click (Firefox ignores clicks on detached anchors) and the URL is revoked a
 * minute later rather than at once, which would cancel the download in some browsers.
 */

export const CSV_MIME = 'text/csv;charset=utf-8';
const REVOKE_AFTER_MS = 60_000;

export function saveBlob(fileName: string, blob: Blob, parent: Node = document.body): void {
  const url = URL.createObjectURL(blob);
  const doc = parent.ownerDocument ?? document;
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  parent.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

export function saveText(fileName: string, text: string, parent?: Node, type = CSV_MIME): void {
  saveBlob(fileName, new Blob([text], { type }), parent);
}
