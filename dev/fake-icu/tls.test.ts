/** HTTPS with a certificate for intervals.icu, and the CLI. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths';
import { AUTH, KEY, NOW, useFakeIcu } from './test-helpers';

describe('tls', () => {
  const ctx = useFakeIcu({ tls: true });

  it('serves https://intervals.icu/... (as Chromium reaches it through host-resolver-rules)', async () => {
    const fake = ctx.fake;
    expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { status, body, pubkey } = await new Promise<{ status: number; body: string; pubkey: Buffer }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: fake.port,
            path: '/api/v1/athlete/0',
            servername: 'intervals.icu',
            headers: { host: 'intervals.icu', authorization: AUTH },
            ca: fake.certPem,
            checkServerIdentity: () => undefined,
          },
          (res) => {
            const peer = (res.socket as TLSSocket).getPeerX509Certificate();
            const pubkey = peer?.publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
            let text = '';
            res.on('data', (c) => {
              text += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, pubkey }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(status).toBe(200);
    expect(JSON.parse(body).id).toBe('i424242');
    expect(fake.spkiHash).toBe(createHash('sha256').update(pubkey).digest('base64'));
  });

  it('the certificate names intervals.icu', async () => {
    const { X509Certificate } = await import('node:crypto');
    const cert = new X509Certificate(ctx.fake.certPem ?? '');
    expect(cert.checkHost('intervals.icu')).toBe('intervals.icu');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('cli', () => {
  it('npm run fake-icu -- --port 0 --key <key> prints the URL and serves', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'dev/fake-icu/cli.ts', '--port', '0', '--key', KEY, '--now', NOW.toISOString()],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
        setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      });
      const res = await fetch(`${url}/api/v1/athlete/0`, { headers: { authorization: AUTH } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
