import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityFileName, createUniqueNames, NAME_PART_MAX, safeFileName, safeNamePart } from '../../lib/export/names';

describe('safeNamePart', () => {
  it.each<[string, string | null | undefined, string]>([
    ['spaces become dashes', 'Morning Ride', 'Morning-Ride'],
    ['Windows-illegal characters', 'a<b>c:d"e/f\\g|h?i*j', 'a-b-c-d-e-f-g-h-i-j'],
    ['path traversal', '../../etc/passwd', 'etc-passwd'],
    ['control characters go', 'tab\there\u0000nul\u007fdel', 'tabherenuldel'],
    ['bidi override goes (no "fdp.exe" spoof)', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero-width joiner goes', 'a\u200db', 'ab'],
    ['trailing dots and spaces (Windows drops them)', 'Ride. . ', 'Ride'],
    ['leading dot (hidden file)', '.hidden', 'hidden'],
    ['collapses dashes', 'a -- b', 'a-b'],
    ['reserved CON', 'CON', 'CON_'],
    ['reserved lower-case with extension', 'nul.txt', 'nul.txt_'],
    ['reserved COM1', 'com1', 'com1_'],
    ['not reserved: CONSOLE', 'CONSOLE', 'CONSOLE'],
    ['accents and emoji kept', 'Côte d’Azur 🚴', 'Côte-d’Azur-🚴'],
    ['NFD becomes NFC', 'Cafe\u0301', 'Café'],
    ['empty → fallback', '', 'untitled'],
    ['only illegal → fallback', '///', 'untitled'],
    ['null → fallback', null, 'untitled'],
  ])('%s', (_, input, expected) => {
    expect(safeNamePart(input)).toBe(expected);
  });

  it('cuts long names on a code point, never inside an emoji', () => {
    const name = `${'a'.repeat(NAME_PART_MAX - 1)}🚴🚴`;
    const safe = safeNamePart(name);
    expect(Array.from(safe)).toHaveLength(NAME_PART_MAX);
    expect(safe.endsWith('🚴')).toBe(true);
    expect(safe.isWellFormed()).toBe(true);
  });

  it('property: any text gives a name that is safe everywhere', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const safe = safeNamePart(text);
        expect(safe.length).toBeGreaterThan(0);
        expect(Array.from(safe).length).toBeLessThanOrEqual(NAME_PART_MAX + 1);
        expect(safe).not.toMatch(/[<>:"/\\|?*\p{Cc}\p{Cf}\s]/u);
        expect(safe).not.toMatch(/^[.-]|[.-]$/);
        expect(safe).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
        expect(safe.isWellFormed()).toBe(true);
        expect(new TextEncoder().encode(safe).length).toBeLessThan(255);
      }),
    );
  });
});

describe('file names', () => {
  it('<date>_<name>_<id>_laps.csv', () => {
    expect(
      activityFileName({ id: 'i9001005', name: '3×20 min: tempo?', startDateLocal: '2024-08-16T15:35:10' }, 'laps'),
    ).toBe('2024-08-16_3×20-min-tempo_i9001005_laps.csv');
    expect(activityFileName({ id: '15948300112', name: null, startDateLocal: '' }, 'streams')).toBe(
      'undated_untitled_15948300112_streams.csv',
    );
  });

  it('joins safe parts', () => {
    expect(safeFileName(['intervals-export', '2024-01-01', '2024-12-31'], 'zip')).toBe(
      'intervals-export_2024-01-01_2024-12-31.zip',
    );
  });

  it('keeps names in one archive unique, ignoring case', () => {
    const unique = createUniqueNames();
    expect(['a.csv', 'A.csv', 'a.csv', 'b'].map(unique)).toEqual(['a.csv', 'A-2.csv', 'a-3.csv', 'b']);
  });
});
