/**
 * `npm run check:sources`: shows that the AMO sources zip builds the shipped Firefox files, as a reviewer would do it.
 *
 * 1. `wxt zip -b firefox` into a temporary output folder: `*-firefox.zip` (what is uploaded) and `*-sources.zip`.
 * 2. Checks the sources zip holds no file git ignores (no test artifacts, certificates, logs).
 * 3. Unpacks the sources zip into an empty folder, runs `npm install` and `npm run build:firefox` there.
 * 4. Compares every file of that build with the one in `*-firefox.zip`, byte for byte (JS, HTML, CSS, manifest,
 *    icons); prints a line per JS file and fails on any difference or missing or extra file.
 *
 * Slow (a full `npm install`), so not part of `npm test`. `--keep` leaves the temporary folder for a look.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { filesUnder } from '../dev/launch-firefox';

const keep = process.argv.includes('--keep');
const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'icu-sources-check-'));
const out = join(work, 'zips');
const src = join(work, 'src');

/** The environment of a reviewer's shell: no ICU_OUT_DIR, so their build lands in `.output/`. */
const env = { ...process.env };
delete env.ICU_OUT_DIR;

function run(command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): void {
  console.log(`$ (cd ${cwd} && ${command} ${args.join(' ')})`);
  const result = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
  }
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function unzipFiles(zip: string): Record<string, Uint8Array> {
  const entries = unzipSync(readFileSync(zip));
  return Object.fromEntries(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
}

let failed = false;
const started = Date.now();
try {
  // 1. The zips, as `npm run zip` makes them (in a temporary output folder, so .output/ is left alone).
  run('npx', ['wxt', 'zip', '-b', 'firefox'], repo, { ICU_OUT_DIR: out });
  const zips = readdirSync(out).filter((name) => name.endsWith('.zip'));
  const shippedZip = zips.find((name) => name.endsWith('-firefox.zip'));
  const sourcesZip = zips.find((name) => name.endsWith('-sources.zip'));
  if (!shippedZip || !sourcesZip) throw new Error(`wxt zip made ${zips.join(', ') || 'no zip'}`);

  // 2. Nothing git ignores.
  const sources = unzipFiles(join(out, sourcesZip));
  const names = Object.keys(sources);
  const ignored = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: repo, input: names.join('\n') })
    .stdout.toString()
    .trim();
  if (ignored) {
    console.error(`The sources zip holds files git ignores:\n${ignored}`);
    failed = true;
  }

  // 3. Unpack, install, build — what the README tells a reviewer to do.
  for (const [name, bytes] of Object.entries(sources)) {
    mkdirSync(dirname(join(src, name)), { recursive: true });
    writeFileSync(join(src, name), bytes);
  }
  console.log(`${sourcesZip}: ${names.length} files unpacked into ${src}`);
  run('npm', ['install', '--no-audit', '--no-fund'], src);
  run('npm', ['run', 'build:firefox'], src);

  // 4. Byte for byte.
  const shipped = unzipFiles(join(out, shippedZip));
  const rebuilt = filesUnder(join(src, '.output', 'firefox-mv3'));
  const all = [...new Set([...Object.keys(shipped), ...Object.keys(rebuilt)])].sort();
  let js = 0;
  for (const name of all) {
    const a = shipped[name];
    const b = rebuilt[name];
    const same = a !== undefined && b !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
    if (name.endsWith('.js')) js++;
    if (!same) {
      failed = true;
      console.error(
        `DIFFERS ${name}: shipped ${a ? `${a.length} B ${sha(a)}` : 'missing'}, rebuilt ${b ? `${b.length} B ${sha(b)}` : 'missing'}`,
      );
    } else if (name.endsWith('.js')) {
      console.log(`  identical ${name} (${a.length} B, sha256 ${sha(a)})`);
    }
  }
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).toString().trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repo }).toString().trim() !== '';
  const version = dirty ? `${head} plus uncommitted changes` : head;
  console.log(
    failed
      ? `check:sources FAILED (${shippedZip} vs a build from ${sourcesZip})`
      : `check:sources OK at ${version}: ${all.length} files (${js} JS) built from ${sourcesZip} are byte-identical to ${shippedZip} (${Math.round((Date.now() - started) / 1000)} s)`,
  );
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
