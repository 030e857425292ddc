/**
 * One typed value in extension storage (`local:` or `session:`), read with a fallback, written, removed and watched;
 * versioned, with a migration per version. The same keys and the same version record (`<key>$` → `{ v }`) as WXT's
 * `storage.defineItem`, which this replaces: it is the part of @wxt-dev/storage the extension uses, at a seventh of its
 * size in every script (the background's budget, scripts/size.ts, had no room left for the full library).
 *
 * A migration runs once, on first access, in every context that defines the item (two contexts migrating at once
 * write the same result). No other browser API here than `browser.storage`.
 */
import { browser } from 'wxt/browser';

export type StorageKey = `local:${string}` | `session:${string}`;

export interface ItemOptions<T> {
  fallback: T;
  /** Starts at 1; bump it when the stored shape changes and add `migrations[newVersion]`. */
  version?: number;
  /** `migrations[n]` turns a version n-1 value into version n. */
  migrations?: Record<number, (value: unknown) => unknown>;
}

export interface StorageItem<T> {
  readonly key: StorageKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Called with the new value (the fallback when removed) whenever any context changes it; returns the unwatch. */
  watch(callback: (value: T) => void): () => void;
}

export function defineItem<T>(key: StorageKey, options: ItemOptions<T>): StorageItem<T> {
  const [areaName, name] = key.split(/:(.*)/s) as ['local' | 'session', string];
  const area = () => browser.storage[areaName];
  const metaKey = `${name}$`;
  const { fallback, version = 1, migrations } = options;

  let migrated: Promise<void> | null = null;
  const migrate = async () => {
    if (!migrations) return;
    const stored = await area().get([name, metaKey]);
    if (stored[name] == null) return;
    const from = (stored[metaKey] as { v?: number } | undefined)?.v ?? 1;
    if (from >= version) return;
    let value = stored[name];
    for (let v = from + 1; v <= version; v++) value = (await migrations[v]?.(value)) ?? value;
    await area().set({ [name]: value, [metaKey]: { ...(stored[metaKey] as object), v: version } });
  };
  const ready = () => {
    migrated ??= migrate().catch((error) => console.error(`[icu-companion] migration of ${key} failed`, error));
    return migrated;
  };

  return {
    key,
    fallback,
    async getValue() {
      await ready();
      return ((await area().get(name))[name] as T | undefined) ?? fallback;
    },
    async setValue(value) {
      await ready();
      await area().set({ [name]: value });
    },
    async removeValue() {
      await ready();
      await area().remove(name);
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea === areaName && Object.hasOwn(changes, name)) {
          callback((changes[name]?.newValue as T | undefined) ?? fallback);
        }
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
