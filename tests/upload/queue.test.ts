/** The Upload page's queue: states, order, concurrency, failures that stop nothing, progress, cancel. */
import { describe, expect, it } from 'vitest';
import { formatBytes, MAX_UPLOAD_BYTES } from '~/lib/upload/files';
import { createUploadQueue, progressLine, type QueueSnapshot, type RowState } from '~/lib/upload/queue';
import type { UploadResult } from '~/lib/upload/views';
import { deferred } from '../components/fixtures';

type Job = { name: string; size: number; file: string };
const job = (name: string, size = 1000): Job => ({ name, size, file: name });
const link = (id: string) => ({ id, name: `Ride ${id}`, url: `https://intervals.icu/activities/${id}` });
const NEW: UploadResult = { outcome: 'new', activities: [link('i1')] };
const DUP: UploadResult = { outcome: 'duplicate', activities: [link('i0')] };

/** A queue whose sends wait until the test settles them, by file name. */
function controlled(concurrency = 2) {
  const pending = new Map<string, ReturnType<typeof deferred<UploadResult>>>();
  const started: string[] = [];
  const snapshots: QueueSnapshot<string>[] = [];
  const queue = createUploadQueue<string>({
    concurrency,
    send: (file) => {
      started.push(file);
      const d = deferred<UploadResult>();
      pending.set(file, d);
      return d.promise;
    },
    onChange: (s) => snapshots.push(s),
  });
  const states = () => Object.fromEntries(queue.snapshot().rows.map((r) => [r.name, r.status.state]));
  const settle = async (name: string, result: UploadResult | Error) => {
    const d = pending.get(name);
    if (!d) throw new Error(`${name} was not started`);
    if (result instanceof Error) d.reject(result);
    else d.resolve(result);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, started, snapshots, states, settle };
}

describe('the upload queue', () => {
  it('sends in the order added, two at a time, and starts the next as one finishes', async () => {
    const q = controlled();
    q.queue.add(['a.fit', 'b.fit', 'c.fit', 'd.fit'].map((n) => job(n)));
    expect(q.started).toEqual(['a.fit', 'b.fit']);
    expect(q.states()).toEqual({ 'a.fit': 'uploading', 'b.fit': 'uploading', 'c.fit': 'queued', 'd.fit': 'queued' });
    await q.settle('b.fit', DUP);
    expect(q.started).toEqual(['a.fit', 'b.fit', 'c.fit']);
    await q.settle('a.fit', NEW);
    await q.settle('c.fit', NEW);
    await q.settle('d.fit', DUP);
    expect(q.states()).toEqual({ 'a.fit': 'new', 'b.fit': 'duplicate', 'c.fit': 'new', 'd.fit': 'duplicate' });
    const a = q.queue.snapshot().rows[0];
    expect(a?.status).toEqual({ state: 'new', activities: [link('i1')] });
    await q.queue.idle();
  });

  it('a failed file gets its own message and the others go on', async () => {
    const q = controlled(1);
    q.queue.add([job('bad.fit'), job('good.tcx')]);
    await q.settle('bad.fit', new Error('intervals.icu rejected the request (422): bad.fit: not a FIT file'));
    expect(q.queue.snapshot().rows[0]?.status).toEqual({
      state: 'error',
      message: 'intervals.icu rejected the request (422): bad.fit: not a FIT file',
    });
    expect(q.started).toEqual(['bad.fit', 'good.tcx']);
    await q.settle('good.tcx', NEW);
    expect(q.states()['good.tcx']).toBe('new');
  });

  it('a send that throws at once, or rejects with a non-Error, is a failed row, not a stuck queue', async () => {
    const queue = createUploadQueue<string>({
      send: (file) => {
        if (file === 'sync.fit') throw new Error('boom');
        return Promise.reject('nope');
      },
      describeError: (e) => `failed: ${e instanceof Error ? e.message : String(e)}`,
    });
    queue.add([job('sync.fit'), job('async.fit')]);
    await queue.idle();
    expect(queue.snapshot().rows.map((r) => r.status)).toEqual([
      { state: 'error', message: 'failed: boom' },
      { state: 'error', message: 'failed: nope' },
    ]);
  });

  it('refuses wrong kinds and too-large files before sending, with the reason, and sends the rest', async () => {
    const q = controlled();
    q.queue.add([job('notes.txt'), job('huge.fit', MAX_UPLOAD_BYTES + 1), job('ride.fit')]);
    expect(q.started).toEqual(['ride.fit']);
    const [txt, huge] = q.queue.snapshot().rows;
    expect(txt?.status).toMatchObject({ state: 'refused', message: expect.stringMatching(/^notes\.txt: not an/) });
    expect(huge?.status).toMatchObject({ state: 'refused', message: expect.stringMatching(/25 MB limit/) });
  });

  it('cancels queued rows, never one already uploading, and does not send them', async () => {
    const q = controlled(1);
    q.queue.add([job('a.fit'), job('b.fit'), job('c.fit'), job('d.fit')]);
    const [a, b] = q.queue.snapshot().rows;
    q.queue.cancel(a?.id ?? 0); // uploading: stays
    q.queue.cancel(b?.id ?? 0);
    expect(q.states()).toMatchObject({ 'a.fit': 'uploading', 'b.fit': 'cancelled' });
    q.queue.cancelQueued();
    expect(q.states()).toMatchObject({ 'c.fit': 'cancelled', 'd.fit': 'cancelled' });
    await q.settle('a.fit', NEW);
    await q.queue.idle();
    expect(q.started).toEqual(['a.fit']);
  });

  it('files added while others upload join the end of the queue', async () => {
    const q = controlled(1);
    q.queue.add([job('a.fit')]);
    q.queue.add([job('b.fit')]);
    await q.settle('a.fit', NEW);
    expect(q.started).toEqual(['a.fit', 'b.fit']);
    await q.settle('b.fit', NEW);
    q.queue.add([job('c.fit')]);
    expect(q.started).toEqual(['a.fit', 'b.fit', 'c.fit']);
  });

  it('counts progress in files and bytes; refused and cancelled files are left out of the bytes', async () => {
    const q = controlled(1);
    q.queue.add([job('a.fit', 1000), job('b.fit', 3000), job('c.txt', 500), job('d.fit', 2000)]);
    const first = q.queue.snapshot().progress;
    expect(first).toMatchObject({ total: 4, done: 1, bytesTotal: 6000, bytesDone: 0, busy: true });
    q.queue.cancel(q.queue.snapshot().rows[3]?.id ?? 0);
    await q.settle('a.fit', NEW);
    expect(q.queue.snapshot().progress).toMatchObject({ total: 3, done: 2, bytesTotal: 4000, bytesDone: 1000 });
    await q.settle('b.fit', new Error('x'));
    const last = q.queue.snapshot().progress;
    expect(last).toMatchObject({ total: 3, done: 3, bytesTotal: 4000, bytesDone: 4000, busy: false });
    const counts: Partial<Record<RowState, number>> = { new: 1, error: 1, refused: 1, cancelled: 1 };
    expect(last.counts).toMatchObject(counts);
    expect(progressLine(last, formatBytes)).toBe('3 of 3 files done · 4 KB of 4 KB · 1 new, 1 failed, 1 not sent');
  });

  it('reports every change with fresh snapshots, so a UI can keep them as state', async () => {
    const q = controlled();
    q.queue.add([job('a.fit')]);
    await q.settle('a.fit', DUP);
    const states = q.snapshots.map((s) => s.rows[0]?.status.state);
    expect(states).toEqual(['uploading', 'duplicate']);
    expect(q.snapshots[0]?.rows[0]).not.toBe(q.snapshots[1]?.rows[0]);
    expect(q.snapshots[0]?.rows[0]?.status.state).toBe('uploading');
  });

  it('clears finished rows and keeps those still to do', async () => {
    const q = controlled(1);
    q.queue.add([job('a.fit'), job('b.fit'), job('x.txt')]);
    await q.settle('a.fit', NEW);
    q.queue.clearFinished();
    expect(q.queue.snapshot().rows.map((r) => r.name)).toEqual(['b.fit']);
  });

  it('says what came of the files in one line', () => {
    const q = controlled();
    expect(progressLine(q.queue.snapshot().progress, formatBytes)).toBe('No files yet.');
    q.queue.add([job('a.fit', 2 * 1024 * 1024)]);
    expect(progressLine(q.queue.snapshot().progress, formatBytes)).toBe('0 of 1 file done · 0 B of 2.0 MB');
  });

  it('idle() resolves at once when nothing is queued', async () => {
    const q = controlled();
    await expect(q.queue.idle()).resolves.toBeUndefined();
  });
});
