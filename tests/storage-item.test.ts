/** lib/storage-item.ts: WXT-compatible keys and version records, fallbacks, watch, and migrations run once. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineItem } from '../lib/storage-item';

beforeEach(() => fakeBrowser.reset());

describe('defineItem', () => {
  it('reads the fallback until set, stores under the bare key as WXT does, and removes', async () => {
    const item = defineItem<string>('local:format', { fallback: 'zwo' });
    expect(await item.getValue()).toBe('zwo');
    await item.setValue('fit');
    expect(await browser.storage.local.get(null)).toEqual({ format: 'fit' });
    expect(await item.getValue()).toBe('fit');
    await item.removeValue();
    expect(await item.getValue()).toBe('zwo');
  });

  it('keeps session values in storage.session', async () => {
    const item = defineItem<number | null>('session:count', { fallback: null });
    await item.setValue(3);
    expect(await browser.storage.session.get('count')).toEqual({ count: 3 });
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it('watches changes from any context, with the fallback on removal', async () => {
    const item = defineItem<string>('local:watched', { fallback: 'none' });
    const seen: string[] = [];
    const unwatch = item.watch((value) => seen.push(value));
    await browser.storage.local.set({ watched: 'a', other: 'x' });
    await browser.storage.session.set({ watched: 'not this area' });
    await browser.storage.local.remove('watched');
    unwatch();
    await browser.storage.local.set({ watched: 'after unwatch' });
    expect(seen).toEqual(['a', 'none']);
  });

  it('migrates an older value once, step by step, and records the version like WXT (<key>$ → { v })', async () => {
    await browser.storage.local.set({ units: 'KM', units$: { v: 1 } });
    const v2 = vi.fn((value: unknown) => ({ distance: value }));
    const v3 = vi.fn((value: unknown) => ({ ...(value as object), weight: 'kg' }));
    const item = defineItem<object>('local:units', { fallback: {}, version: 3, migrations: { 2: v2, 3: v3 } });
    expect(await item.getValue()).toEqual({ distance: 'KM', weight: 'kg' });
    expect(await item.getValue()).toEqual({ distance: 'KM', weight: 'kg' });
    expect(v2).toHaveBeenCalledTimes(1);
    expect(await browser.storage.local.get('units$')).toEqual({ units$: { v: 3 } });
  });

  it('treats a value without a version record as version 1, and leaves a current one alone', async () => {
    await browser.storage.local.set({ a: 1, b: 5, b$: { v: 2 } });
    const bump = (value: unknown) => (value as number) * 10;
    expect(await defineItem<number>('local:a', { fallback: 0, version: 2, migrations: { 2: bump } }).getValue()).toBe(
      10,
    );
    expect(await defineItem<number>('local:b', { fallback: 0, version: 2, migrations: { 2: bump } }).getValue()).toBe(
      5,
    );
  });
});
