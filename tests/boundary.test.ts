/**
 * The house rules of DESIGN.md as a test: the key-holding code (HTTP client, limiter, IndexedDB store) is imported only
 * under entrypoints/background/, lib/ and components/ use no network or IndexedDB library, and the pure domain
 * (lib/power, lib/export, lib/wellness, lib/training, lib/plan, lib/upload) reaches no browser, network or storage
 * at all. Each failure names the file and the import that breaks the rule.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const SHIPPED = ['entrypoints', 'components', 'lib'];

interface SourceFile {
  /** Path from the project root, e.g. "components/popup/Popup.tsx". */
  path: string;
  text: string;
}

interface Import {
  /** As written, e.g. "~/lib/dates" or "ky". */
  specifier: string;
  /** The project file it resolves to (from the root), or undefined for a package. */
  target?: string;
}

function listSources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return listSources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveTarget(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('~/') || specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      // try the next spelling
    }
  }
  return base;
}

/** Static imports and re-exports, `import()` with a literal, and `import type` alike. */
function importsOf(file: SourceFile): Import[] {
  const { importedFiles } = ts.preProcessFile(file.text, true, true);
  return importedFiles.map(({ fileName }) => ({ specifier: fileName, target: resolveTarget(file.path, fileName) }));
}

/** The code with comments and string contents blanked, so only real uses of a global count. */
function codeOnly(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.JSX, text);
  let out = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const token = scanner.getTokenText();
    const isText =
      kind === ts.SyntaxKind.StringLiteral ||
      kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      kind === ts.SyntaxKind.TemplateHead ||
      kind === ts.SyntaxKind.TemplateMiddle ||
      kind === ts.SyntaxKind.TemplateTail;
    out += isText ? ' "" ' : ` ${token}`;
  }
  return out;
}

const BACKGROUND = 'entrypoints/background/';
const NETWORK_OR_DB_PACKAGES = ['ky', 'p-queue', 'idb'];
const PURE_DOMAIN = ['lib/power/', 'lib/export/', 'lib/wellness/', 'lib/training/', 'lib/plan/', 'lib/upload/'];
/** What the pure domain may import besides itself: plain data types, dates, and the zip library. */
const PURE_ALLOWED = ['lib/dates.ts', 'lib/api/types.ts', 'lib/api/errors.ts', 'lib/api/schema.d.ts'];
const PURE_PACKAGES = ['fflate'];
const BROWSER_GLOBALS = /\b(fetch|indexedDB|browser|chrome|localStorage|sessionStorage|XMLHttpRequest|WebSocket)\b/;

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);

/** Every break of the rules in these files, as "file: what it imports (why not)". */
function boundaryViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const inBackground = file.path.startsWith(BACKGROUND);
    const inPure = PURE_DOMAIN.some((dir) => file.path.startsWith(dir));
    for (const { specifier, target } of importsOf(file)) {
      if (!inBackground && target?.startsWith(BACKGROUND)) {
        out.push(`${file.path}: imports ${specifier} (only entrypoints/background/** may use the client and store)`);
      }
      if (!inBackground && target === undefined && NETWORK_OR_DB_PACKAGES.includes(packageOf(specifier))) {
        out.push(`${file.path}: imports ${specifier} (network and IndexedDB libraries are for the background only)`);
      }
      if (inPure) {
        const allowed =
          target === undefined
            ? PURE_PACKAGES.includes(packageOf(specifier))
            : PURE_DOMAIN.some((dir) => target.startsWith(dir)) || PURE_ALLOWED.includes(target);
        if (!allowed) out.push(`${file.path}: imports ${specifier} (the pure domain reaches no browser or storage)`);
      }
    }
    const code = codeOnly(file.text);
    if (!inBackground && /\bindexedDB\b/.test(code)) {
      out.push(`${file.path}: uses indexedDB (the store is the background's)`);
    }
    const global = inPure ? BROWSER_GLOBALS.exec(code) : null;
    if (global) out.push(`${file.path}: uses ${global[1]} (the pure domain reaches no browser, network or storage)`);
  }
  return out;
}

const shipped: SourceFile[] = SHIPPED.flatMap(listSources).map((path) => ({
  path,
  text: readFileSync(join(ROOT, path), 'utf8'),
}));

describe('the house rules', () => {
  it('reads the whole shipped tree', () => {
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped.some((f) => f.path === 'entrypoints/background/api/client.ts')).toBe(true);
  });

  it('hold for every shipped file', () => {
    expect(boundaryViolations(shipped)).toEqual([]);
  });

  it('name the file and the import that breaks them', () => {
    const fake = (path: string, text: string) => ({ path, text });
    expect(
      boundaryViolations([
        fake('components/export/Bad.tsx', "import { getDb } from '~/entrypoints/background/store/db';"),
        fake('lib/thing.ts', "import ky from 'ky';\nconst db = indexedDB.open('x');"),
        fake('lib/wellness/bad.ts', "import { connectedAthlete } from '../settings';\nawait fetch('/x');"),
        fake('lib/export/lazy.ts', "const m = await import('../messages');"),
        fake('entrypoints/background/services/ok.ts', "import ky from 'ky';\nimport { getDb } from '../store/db';"),
        fake(
          'lib/power/ok.ts',
          "// fetch( in a comment\nconst s = 'browser.storage';\nimport { addDays } from '../dates';",
        ),
      ]),
    ).toEqual([
      'components/export/Bad.tsx: imports ~/entrypoints/background/store/db (only entrypoints/background/** may use the client and store)',
      'lib/thing.ts: imports ky (network and IndexedDB libraries are for the background only)',
      "lib/thing.ts: uses indexedDB (the store is the background's)",
      'lib/wellness/bad.ts: imports ../settings (the pure domain reaches no browser or storage)',
      'lib/wellness/bad.ts: uses fetch (the pure domain reaches no browser, network or storage)',
      'lib/export/lazy.ts: imports ../messages (the pure domain reaches no browser or storage)',
    ]);
  });
});
