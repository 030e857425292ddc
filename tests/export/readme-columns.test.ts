import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_HEADERS, SKIPPED_HEADERS } from '../../lib/export/bulk';
import { LAP_HEADERS } from '../../lib/export/laps';
import { STREAM_COLUMNS } from '../../lib/export/streams';

/** The column names a README table under `### <title>` (in "## Export") documents, in order. */
function documented(title: string): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const exportSection = readme.split(/^## Export$/m)[1]?.split(/^## /m)[0] ?? '';
  const part = exportSection.split(new RegExp(`^### ${title}$`, 'm'))[1]?.split(/^### /m)[0] ?? '';
  return [...part.matchAll(/^\| ((?:`[a-z0-9_]+`(?:, )?)+) \|/gm)].flatMap((m) =>
    [...(m[1] as string).matchAll(/`([a-z0-9_]+)`/g)].map((c) => c[1] as string),
  );
}

describe('README documents every exported column', () => {
  it('laps CSV: every column, in file order', () => {
    expect(documented('Laps CSV')).toEqual([...LAP_HEADERS]);
  });

  it('streams CSV: the time columns and every known stream column', () => {
    expect(documented('Streams CSV')).toEqual(['time_s', 'time', ...STREAM_COLUMNS.flatMap((c) => c.headers)]);
  });

  it('activities.csv and skipped.csv', () => {
    const zip = documented('The bulk zip');
    expect(zip).toEqual([...ACTIVITY_HEADERS, ...SKIPPED_HEADERS]);
  });
});
