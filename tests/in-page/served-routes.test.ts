import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../components/in-page/features';
import { SERVED_ROUTES } from '../../components/in-page/features/served-routes';

describe('served routes', () => {
  it('are exactly the page kinds the registered features serve', () => {
    expect([...SERVED_ROUTES].sort()).toEqual([...new Set(FEATURES.flatMap((f) => f.routes))].sort());
  });

  it('name each page kind once', () => {
    expect(new Set(SERVED_ROUTES).size).toBe(SERVED_ROUTES.length);
  });

  it('let the content script decide without importing feature code (it loads in-page-features.js for that)', () => {
    const source = readFileSync('entrypoints/intervals.content/index.ts', 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';$/gms)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(
      [
        'wxt/utils/define-content-script',
        '~/components/in-page/features-bundle',
        '~/components/in-page/features/served-routes',
        '~/lib/messages',
        '~/lib/routes',
      ].sort(),
    );
  });
});
