/**
 * A streaming zip writer on fflate: files go in one after another, each encoded to UTF-8 and deflated in slices, and
 * the compressed bytes leave through `onChunk` as soon as they exist. The writer keeps no copy of what it wrote, so
 * what the caller holds (e.g. Blob parts, which browsers may keep on disk) is the only place the archive lives, and
 * memory in JavaScript stays at about one file's text plus one slice.
 *
 * Limits (fflate's streaming zip writes no Zip64 records): each file and the whole archive must stay below 4 GiB.
 * A season of 1 Hz streams compresses to a few hundred MB.
 *
 * Pure: no browser APIs (TextEncoder is in every runtime).
 */
import { Zip, ZipDeflate } from 'fflate';

export interface ZipWriter {
  /** Adds one file. Calls are queued, so files never interleave. Resolves once its bytes went to `onChunk`. */
  addText(name: string, text: string): Promise<void>;
  /** Adds one binary file (e.g. a FIT workout), deflated in one step: such files are small. Queued like `addText`. */
  addBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Writes the central directory. Resolves after the last chunk went to `onChunk`. */
  end(): Promise<void>;
  /** Compressed bytes handed to `onChunk` so far. */
  readonly bytesWritten: number;
}

export interface ZipWriterOptions {
  /** Deflate level, 0–9 (default 6: CSV shrinks to about a fifth, quickly). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** UTF-16 code units encoded and deflated per step (default 1 M). */
  sliceChars?: number;
  /** Awaited between slices, e.g. to let a page repaint during a long file. */
  pause?: () => Promise<void>;
  /** Modification time stored for every entry (default: now). */
  mtime?: Date;
}

export function createZipWriter(onChunk: (chunk: Uint8Array) => void, options: ZipWriterOptions = {}): ZipWriter {
  const { level = 6, sliceChars = 1 << 20, pause, mtime = new Date() } = options;
  const encoder = new TextEncoder();
  let failure: Error | null = null;
  let bytesWritten = 0;
  let ended = false;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    bytesWritten += chunk.length;
    onChunk(chunk);
    if (final) finished = true;
  });
  let queue: Promise<void> = Promise.resolve();
  const check = () => {
    if (failure) throw failure;
  };

  const open = (name: string) => {
    check();
    if (ended) throw new Error('The zip was already ended.');
    const file = new ZipDeflate(name, { level });
    file.mtime = mtime;
    zip.add(file);
    return file;
  };

  const writeBytes = async (name: string, bytes: Uint8Array) => {
    open(name).push(bytes, true);
    check();
  };

  const write = async (name: string, text: string) => {
    const file = open(name);
    if (text.length === 0) {
      file.push(new Uint8Array(0), true);
      return check();
    }
    for (let start = 0; start < text.length; ) {
      let end = Math.min(text.length, start + sliceChars);
      // Never split a surrogate pair across slices: its halves would each become U+FFFD.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      file.push(encoder.encode(text.slice(start, end)), end >= text.length);
      check();
      start = end;
      if (start < text.length && pause) await pause();
    }
  };

  return {
    addText(name, text) {
      const next = queue.then(() => write(name, text));
      queue = next.catch(() => {});
      return next;
    },
    addBytes(name, bytes) {
      const next = queue.then(() => writeBytes(name, bytes));
      queue = next.catch(() => {});
      return next;
    },
    async end() {
      await queue;
      check();
      ended = true;
      zip.end();
      check();
      if (!finished) throw new Error('The zip did not finish.');
    },
    get bytesWritten() {
      return bytesWritten;
    },
  };
}
