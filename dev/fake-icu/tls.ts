/**
 * A self-signed certificate for `intervals.icu` (plus localhost and 127.0.0.1), generated once with `selfsigned` and
 * cached in .cache/fake-icu-cert/ (gitignored). Chromium reaches the stand-in through
 * `--host-resolver-rules="MAP intervals.icu 127.0.0.1:<port>"` and accepts the certificate with
 * `--ignore-certificate-errors` or, narrower, `--ignore-certificate-errors-spki-list=<spkiHash>`.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { CERT_CACHE_DIR } from './paths';

export interface FakeCert {
  key: string;
  cert: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spkiHash: string;
}

export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

function usable(certPem: string): boolean {
  try {
    const x = new X509Certificate(certPem);
    const week = 7 * 86_400_000;
    return Date.parse(x.validTo) - Date.now() > week && (x.checkHost('intervals.icu') ?? '') === 'intervals.icu';
  } catch {
    return false;
  }
}

export async function fakeCert(dir = CERT_CACHE_DIR): Promise<FakeCert> {
  // key and cert live together in one JSON file written atomically, so parallel starts never pair a key with another
  // run's certificate; the .pem copies are for people.
  const bundlePath = join(dir, 'bundle.json');
  if (existsSync(bundlePath)) {
    try {
      const { key, cert } = JSON.parse(readFileSync(bundlePath, 'utf8')) as { key: string; cert: string };
      if (usable(cert)) return { key, cert, spkiHash: spkiHash(cert) };
    } catch {
      // unreadable: generate a new one
    }
  }
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'intervals.icu' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 397 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'intervals.icu' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  const tmp = `${bundlePath}.${process.pid}.${Date.now()}`;
  writeFileSync(tmp, JSON.stringify({ key: pems.private, cert: pems.cert }), { mode: 0o600 });
  renameSync(tmp, bundlePath);
  writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  return { key: pems.private, cert: pems.cert, spkiHash: spkiHash(pems.cert) };
}
