import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../components/in-page/features';

/** The README lists every in-page feature as "- `id`: description" under "## In-page features". */
function readmeFeatures(): { id: string; description: string }[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split(/^## In-page features$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^- `([a-z0-9-]+)`: (.+)$/gm)].map((m) => ({
    id: m[1] as string,
    description: m[2] as string,
  }));
}

describe('README feature list', () => {
  it('has a section for in-page features', () => {
    expect(readFileSync('README.md', 'utf8')).toMatch(/^## In-page features$/m);
  });

  it('lists exactly the registered features, in order, with their descriptions', () => {
    expect(readmeFeatures()).toEqual(FEATURES.map(({ id, description }) => ({ id, description })));
  });

  it('registers each feature once', () => {
    const ids = FEATURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
