import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, type CsvCell, csvRow, toCsv } from '../../lib/export/csv';

describe('toCsv cells', () => {
  it.each<[string, CsvCell, string]>([
    ['plain text', 'Morning ride', 'Morning ride'],
    ['empty string', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['comma', 'Ride, hills', '"Ride, hills"'],
    ['double quote', 'The "big" one', '"The ""big"" one"'],
    ['only a quote', '"', '""""'],
    ['LF', 'a\nb', '"a\nb"'],
    ['CR', 'a\rb', '"a\rb"'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['semicolon with , delimiter', 'a;b', 'a;b'],
    ['tab inside', 'a\tb', 'a\tb'],
    ['leading and trailing space kept', ' padded ', ' padded '],
    ['non-ASCII', 'Côte d’Azur 🚴', 'Côte d’Azur 🚴'],
    ['integer', 250, '250'],
    ['negative number stays a number', -12.5, '-12.5'],
    ['zero', 0, '0'],
    ['negative zero', -0, '0'],
    ['shortest round trip', 0.1 + 0.2, '0.30000000000000004'],
    ['float', 45.123456789, '45.123456789'],
    ['large', 123456789012, '123456789012'],
    ['NaN', Number.NaN, ''],
    ['Infinity', Number.POSITIVE_INFINITY, ''],
    ['-Infinity', Number.NEGATIVE_INFINITY, ''],
  ])('%s', (_, cell, expected) => {
    expect(toCsv([[cell, 'x']])).toBe(`${expected},x\r\n`);
  });
});

describe('formula neutralization', () => {
  it.each<[CsvCell, string]>([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ["=cmd|'/c calc'!A1, x", `"'=cmd|'/c calc'!A1, x"`],
    ['=a\nb', `"'=a\nb"`],
    // Only the first character counts; numbers are never changed.
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ["'=1", "'=1"],
    [-1, '-1'],
    [-0.5, '-0.5'],
  ])('%j → %s', (cell, expected) => {
    expect(toCsv([[cell]])).toBe(`${expected}\r\n`);
  });
});

describe('delimiters', () => {
  const row: CsvCell[] = ['a,b', 'c;d', 'e\tf', 'g|h', 1.5, -2, null, 'plain'];
  it.each([
    [',', '"a,b",c;d,e\tf,g|h,1.5,-2,,plain\r\n'],
    // Decimal point kept with ';': numbers stay exact and locale-free.
    [';', 'a,b;"c;d";e\tf;g|h;1.5;-2;;plain\r\n'],
    ['\t', 'a,b\tc;d\t"e\tf"\tg|h\t1.5\t-2\t\tplain\r\n'],
    ['|', 'a,b|c;d|e\tf|"g|h"|1.5|-2||plain\r\n'],
  ])('%j', (delimiter, expected) => {
    expect(toCsv([row], { delimiter })).toBe(expected);
    expect(csvRow(row, { delimiter })).toBe(expected);
  });

  it.each(['', ',,', '"', '\n', '.', '-', '1', 'e', 'toString'])('rejects %j', (delimiter) => {
    expect(() => toCsv([['x']], { delimiter })).toThrow(/CSV delimiter must be one of/);
    expect(() => csvRow(['x'], { delimiter })).toThrow(/CSV delimiter must be one of/);
  });
});

describe('records and BOM', () => {
  it('ends every record with CRLF, the last one too', () => {
    expect(
      toCsv([
        ['time', 'watts'],
        [0, 200],
        [1, null],
      ]),
    ).toBe('time,watts\r\n0,200\r\n1,\r\n');
  });

  it('writes nothing for no rows, and an empty line for an empty row', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([[], ['a']])).toBe('\r\na\r\n');
  });

  it('writes a lone empty cell as "" so readers that skip blank lines keep the row', () => {
    expect(toCsv([['speed'], [null], [Number.NaN], [''], [3]])).toBe('speed\r\n""\r\n""\r\n""\r\n3\r\n');
    expect(toCsv([[null, null]])).toBe(',\r\n');
  });

  it.each([
    [undefined, ''],
    [false, ''],
    [true, CSV_BOM],
  ])('bom: %s', (bom, prefix) => {
    expect(toCsv([['a', 1]], { bom })).toBe(`${prefix}a,1\r\n`);
  });

  it('puts the BOM first even with no rows, and it encodes as EF BB BF', () => {
    expect(toCsv([], { bom: true })).toBe(CSV_BOM);
    expect([...new TextEncoder().encode(toCsv([['é']], { bom: true }))]).toEqual([
      0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0x0d, 0x0a,
    ]);
  });

  it('equals the concatenation of csvRow (streaming)', () => {
    const rows: CsvCell[][] = [
      ['name', 'watts'],
      ['=x', -1],
      ['a "b"', 2.5],
    ];
    expect(toCsv(rows, { delimiter: ';', bom: true })).toBe(
      CSV_BOM + rows.map((r) => csvRow(r, { delimiter: ';' })).join(''),
    );
  });
});

/** What a reader should get back for one cell: the neutralized text, String(n), or empty. */
function expectedCell(cell: CsvCell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (cell === null || cell === undefined) return '';
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

// Text weighted towards the characters that matter for quoting and neutralization.
const tricky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', "'", ',', ';', '|', ' ', 'a', 'é', '😀');
const textCell = fc.oneof(fc.string({ unit: tricky, maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const numberCell = fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1000, max: 1000, noNaN: true }));
const cell: fc.Arbitrary<CsvCell> = fc.oneof(textCell, numberCell, fc.constant(null), fc.constant(undefined));

describe('papaparse reads back what toCsv wrote', () => {
  it('for any cells, delimiter and BOM', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.boolean(),
        (rows, delimiter, bom) => {
          const csv = toCsv(rows, { delimiter, bom });
          expect(csv.startsWith(CSV_BOM)).toBe(bom);
          expect(csv.endsWith('\r\n')).toBe(true);
          // Drop the BOM and the final record terminator, which papaparse would read as one more (empty) row.
          const body = csv.slice(bom ? 1 : 0, -2);
          const parsed = Papa.parse<string[]>(body, { delimiter, newline: '\r\n', quoteChar: '"' });
          expect(parsed.errors).toEqual([]);
          expect(parsed.data).toEqual(rows.map((r) => r.map(expectedCell)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never leaves a formula character at the start of a text cell', () => {
    fc.assert(
      fc.property(textCell, (text) => {
        const [back] = Papa.parse<string[]>(toCsv([[text]]).slice(0, -2), { newline: '\r\n' }).data[0] ?? [];
        expect(back ?? '').not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
