/**
 * `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, the checks AMO runs on every upload) over the
 * Firefox build, failing on any error, warning or notice — web-ext itself fails only on errors (warnings with
 * `--warnings-as-errors`) and never on notices, which AMO reviewers read too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface LintMessage {
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const sourceDir = resolve(process.argv[2] ?? join(process.env.ICU_OUT_DIR || '.output', 'firefox-mv3'));
if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`No Firefox build at ${sourceDir}: run "npm run build:firefox" first.`);
  process.exit(1);
}
const webExt = resolve('node_modules/.bin/web-ext');
const run = spawnSync(webExt, ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report: LintReport;
try {
  report = JSON.parse(run.stdout) as LintReport;
} catch {
  console.error(`web-ext lint gave no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${sourceDir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
for (const [kind, list] of [
  ['error', report.errors],
  ['warning', report.warnings],
  ['notice', report.notices],
] as const) {
  for (const m of list) {
    const where = m.file ? ` ${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
    console.log(`  ${kind} ${m.code}${where}: ${m.message}`);
  }
}
process.exit(errors + warnings + notices === 0 ? 0 : 1);
