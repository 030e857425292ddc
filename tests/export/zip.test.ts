import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createZipWriter } from '../../lib/export/zip';

function collect() {
  const chunks: Uint8Array[] = [];
  return {
    onChunk: (chunk: Uint8Array) => chunks.push(chunk),
    bytes() {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
    chunks,
  };
}

describe('createZipWriter', () => {
  it('writes files that unzip to the same text, UTF-8 names included', async () => {
    const sink = collect();
    const zip = createZipWriter(sink.onChunk, { mtime: new Date('2024-05-01T12:00:00Z') });
    await zip.addText('2024-05-01_Côte-d’Azur-🚴_i1_laps.csv', 'lap,label\r\n1,Montée\r\n');
    await zip.addText('empty.csv', '');
    await zip.end();
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files)).toEqual(['2024-05-01_Côte-d’Azur-🚴_i1_laps.csv', 'empty.csv']);
    expect(strFromU8(files['2024-05-01_Côte-d’Azur-🚴_i1_laps.csv'] as Uint8Array)).toBe('lap,label\r\n1,Montée\r\n');
    expect(files['empty.csv']).toHaveLength(0);
    expect(zip.bytesWritten).toBe(sink.bytes().length);
  });

  it('keeps binary files byte for byte, in order with text files', async () => {
    const sink = collect();
    const zip = createZipWriter(sink.onChunk);
    const fit = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256);
    await Promise.all([zip.addBytes('2026-12-04_VO2max.fit', fit), zip.addText('notes.txt', 'x')]);
    await zip.addBytes('empty.fit', new Uint8Array(0));
    await zip.end();
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files)).toEqual(['2026-12-04_VO2max.fit', 'notes.txt', 'empty.fit']);
    expect(files['2026-12-04_VO2max.fit']).toEqual(fit);
    expect(files['empty.fit']).toHaveLength(0);
  });

  it('streams: a large file leaves in many chunks, slices never split a surrogate pair', async () => {
    const sink = collect();
    let pauses = 0;
    const zip = createZipWriter(sink.onChunk, {
      sliceChars: 1001, // odd, so slice boundaries land inside the 2-unit emoji below
      pause: async () => {
        pauses++;
      },
    });
    const row = (i: number) => `${i},${(i * 7919) % 1000},🚴\r\n`;
    const text = Array.from({ length: 20_000 }, (_, i) => row(i)).join('');
    const seenBefore: number[] = [];
    const adding = zip.addText('big.csv', text);
    await adding;
    seenBefore.push(sink.chunks.length);
    await zip.end();
    expect(pauses).toBeGreaterThan(100);
    expect(seenBefore[0]).toBeGreaterThan(1); // bytes went out before the end, not all at once
    const files = unzipSync(sink.bytes());
    expect(strFromU8(files['big.csv'] as Uint8Array)).toBe(text);
    expect(sink.bytes().length).toBeLessThan(text.length / 3); // CSV compresses well
  });

  it('queues files added concurrently, so they never interleave', async () => {
    const sink = collect();
    const zip = createZipWriter(sink.onChunk, { sliceChars: 10, pause: () => new Promise((r) => setTimeout(r, 0)) });
    await Promise.all([zip.addText('a.csv', 'a'.repeat(500)), zip.addText('b.csv', 'b'.repeat(500))]);
    await zip.end();
    const files = unzipSync(sink.bytes());
    expect(strFromU8(files['a.csv'] as Uint8Array)).toBe('a'.repeat(500));
    expect(strFromU8(files['b.csv'] as Uint8Array)).toBe('b'.repeat(500));
  });

  it('refuses files after the end', async () => {
    const zip = createZipWriter(() => {});
    await zip.end();
    await expect(zip.addText('late.csv', 'x')).rejects.toThrow(/already ended/);
  });
});
