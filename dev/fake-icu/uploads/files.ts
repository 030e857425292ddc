/**
 * An uploaded activity file to recordings: `.gz` (zlib) and `.zip` (fflate) archives are unpacked, then each file is
 * recognised by its content, not its name (FIT by the ".FIT" signature in its header, TCX and GPX by their root
 * element) and decoded: FIT with the seed's decoder (fit.ts), TCX and GPX with xml-recordings.ts.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { decodeFit, type FitActivity } from '../fit';
import { parseGpx, parseTcx, recordingName } from './xml-recordings';

export interface Recording {
  /** The file's name (inside its archive, if any). */
  name: string;
  fileType: 'fit' | 'tcx' | 'gpx';
  fit: FitActivity;
  /** The track's own name from a TCX or GPX file. */
  title?: string;
  sha256: string;
}

/** A problem with the upload the client can fix; the route answers it as 4xx with this message. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isGzip = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isFit = (b: Uint8Array) => b.length >= 12 && new TextDecoder().decode(b.subarray(8, 12)) === '.FIT';

/** The files inside an upload; a plain file is its own single entry. `maxBytes` caps what archives unpack to. */
export function unpack(name: string, bytes: Uint8Array, maxBytes: number): { name: string; bytes: Uint8Array }[] {
  if (isGzip(bytes)) {
    let inner: Uint8Array;
    try {
      inner = new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxBytes }));
    } catch (e) {
      if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new UploadError(413, `${name} unpacks to more than ${maxBytes} bytes`);
      }
      throw new UploadError(422, `${name}: not a readable gzip file (${(e as Error).message})`);
    }
    return [{ name: name.replace(/\.gz$/i, ''), bytes: inner }];
  }
  if (isZip(bytes)) {
    let total = 0;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, {
        filter: (f) => {
          if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return false;
          total += f.originalSize;
          return true;
        },
      });
    } catch (e) {
      throw new UploadError(422, `${name}: not a readable zip file (${(e as Error).message})`);
    }
    if (total > maxBytes) throw new UploadError(413, `${name} unpacks to more than ${maxBytes} bytes`);
    const files = Object.entries(entries).map(([entry, data]) => ({ name: entry, bytes: data }));
    if (files.length === 0) throw new UploadError(422, `${name}: the zip file is empty`);
    for (const f of files) {
      if (isZip(f.bytes) || isGzip(f.bytes))
        throw new UploadError(422, `${name}: ${f.name} is an archive inside an archive`);
    }
    return files;
  }
  return [{ name, bytes }];
}

/** Decodes one (unpacked) file; throws an UploadError naming the file and what is wrong with it. */
export function readRecording(name: string, bytes: Uint8Array): Recording {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (isFit(bytes)) {
    try {
      return { name, fileType: 'fit', fit: decodeFit(bytes), sha256 };
    } catch (e) {
      throw new UploadError(422, `${name}: ${(e as Error).message}`);
    }
  }
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const kind = /<TrainingCenterDatabase[\s>]/.test(head) ? 'tcx' : /<gpx[\s>]/.test(head) ? 'gpx' : undefined;
  if (!kind) throw new UploadError(422, `${name}: not a FIT, TCX or GPX file (nor a .gz or .zip of them)`);
  const text = new TextDecoder().decode(bytes);
  try {
    const fit = kind === 'tcx' ? parseTcx(text) : parseGpx(text);
    return { name, fileType: kind, fit, title: recordingName(text, kind), sha256 };
  } catch (e) {
    throw new UploadError(422, `${name}: ${(e as Error).message}`);
  }
}
