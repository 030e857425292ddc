/**
 * A picked file as base64, the form it crosses to the background in (runtime messages are JSON). `readAsDataURL`
 * does the encoding natively in one pass, so a 25 MB file needs no per-byte work in JavaScript.
 */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
