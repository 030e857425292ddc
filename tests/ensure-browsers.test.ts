/**
 * scripts/ensure-browsers.sh, run with a PATH whose `id`, `sudo` and `apt-get` are shims that only log what they are
 * asked and "install" a browser by creating the file it is looked for at: nothing touches the real system.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/ensure-browsers.sh');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface World {
  uid: number;
  /** `sudo`: absent, asks for a password (`sudo -n` fails), or passwordless. */
  sudo: 'absent' | 'password' | 'passwordless';
  /** Browsers already installed. */
  installed?: ('chromium' | 'firefox-esr')[];
  /** Whether `apt-get install` really puts the browser in place (default true). */
  aptWorks?: boolean;
}

function run(world: World, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-browsers-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  const log = join(dir, 'log');
  const paths = { chromium: join(dir, 'usr-bin-chromium'), 'firefox-esr': join(dir, 'usr-bin-firefox-esr') };
  const shim = (name: string, body: string) => {
    const file = join(bin, name);
    writeFileSync(file, `#!/bin/bash\n${body}\n`);
    chmodSync(file, 0o755);
  };
  spawnSync('mkdir', ['-p', bin]);
  shim('id', `[ "$1" = "-u" ] && echo ${world.uid} || echo "uid=${world.uid}"`);
  if (world.sudo !== 'absent') {
    shim(
      'sudo',
      `echo "sudo $*" >> ${log}
[ "$1" = "-n" ] || { echo "sudo: a password is required" >&2; exit 1; }
${world.sudo === 'password' ? 'echo "sudo: a password is required" >&2; exit 1' : 'shift; exec "$@"'}`,
    );
  }
  // apt-get "installs" a package by creating the browser's file.
  shim(
    'apt-get',
    `echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND, uid=$(id -u))" >> ${log}
if [ "$1" = "install" ] && ${world.aptWorks === false ? 'false' : 'true'}; then
  for p in "$@"; do
    case "$p" in chromium) touch ${paths.chromium}; chmod +x ${paths.chromium} ;; firefox-esr) touch ${paths['firefox-esr']}; chmod +x ${paths['firefox-esr']} ;; esac
  done
fi`,
  );
  for (const browser of world.installed ?? []) {
    writeFileSync(paths[browser], '');
    chmodSync(paths[browser], 0o755);
  }
  const result = spawnSync('/bin/bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      CHROMIUM_PATH: paths.chromium,
      FIREFOX_PATH: paths['firefox-esr'],
    },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, paths };
}

describe('scripts/ensure-browsers.sh', () => {
  it('does nothing when both browsers are there', () => {
    const r = run({ uid: 1000, sudo: 'absent', installed: ['chromium', 'firefox-esr'] });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
  });

  it('installs the missing browsers with apt when running as root', () => {
    const r = run({ uid: 0, sudo: 'absent', installed: ['chromium'] });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'apt-get update -qq (DEBIAN_FRONTEND=noninteractive, uid=0)',
      'apt-get install -y -qq firefox-esr (DEBIAN_FRONTEND=noninteractive, uid=0)',
    ]);
    expect(existsSync(r.paths['firefox-esr'])).toBe(true);
  });

  it('uses sudo -n when it needs no password', () => {
    const r = run({ uid: 1000, sudo: 'passwordless' });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'apt-get update -qq (DEBIAN_FRONTEND=noninteractive, uid=1000)',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr',
      'apt-get install -y -qq chromium firefox-esr (DEBIAN_FRONTEND=noninteractive, uid=1000)',
    ]);
  });

  it.each([
    ['sudo asks for a password', 'password'],
    ['there is no sudo', 'absent'],
  ] as const)('prints the one command and fails when %s', (_, sudo) => {
    const r = run({ uid: 1000, sudo, installed: ['firefox-esr'] });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual([]);
    expect(existsSync(r.paths.chromium)).toBe(false);
  });

  it('checks only the browsers it is asked for (the demo needs only chromium)', () => {
    const r = run({ uid: 1000, sudo: 'absent', installed: ['chromium'] }, ['chromium']);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
  });

  it('fails when apt-get ran but the browser is still missing', () => {
    const r = run({ uid: 0, sudo: 'absent', aptWorks: false }, ['chromium']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('installed chromium but');
  });
});
